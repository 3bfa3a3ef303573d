/**
 * Finds user-facing text written in code instead of a catalogue: JSX text with letters, words in
 * the attributes people read or hear (`aria-label`, `title`, `placeholder`, …), and string
 * literals that read as prose (two words, or a capitalised word) anywhere else but the places
 * that are machine text (imports, comparisons, object keys, class names, test ids, selectors,
 * console and Error messages). A line marked `// i18n-exempt: <why>` above is let through.
 * Pure: takes a file's name and text; scripts/checkInterfaceText.ts runs it over the client.
 */
import ts from 'typescript';

export interface TextFinding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Attributes whose value people read or hear. */
const SPOKEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/** Calls whose string arguments are machine text or developer text. */
const MACHINE_CALLS = new Set([
  'querySelector',
  'querySelectorAll',
  'closest',
  'matches',
  'getAttribute',
  'setAttribute',
  'removeAttribute',
  'hasAttribute',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'getElementById',
  'createElement',
  'getItem',
  'setItem',
  'removeItem',
  'getPropertyValue',
  'setProperty',
  'matchMedia',
  'fetch',
  'get',
  'has',
  'set',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'replace',
  'join',
]);

const ERROR_CONSTRUCTORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'URL',
  'CustomEvent',
  'Event',
]);

const HAS_LETTER = /\p{L}/u;
/** Two words in a row ("Not finished", "of the"), or one capitalised word ("Reveal"). */
const PROSE = /\p{L}{2,}[ \u00a0,;:.…!?'’]+\p{L}/u;
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}{2,}[.!?…]?$/u;
/** A CSS class list, a selector, a path, a key: words joined without prose punctuation. */
const MACHINE_LOOKING = /^[\w-]+( [\w-]+)*$/;

export function findInterfaceText(file: string, source: string): TextFinding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const findings: TextFinding[] = [];
  const exemptLines = exemptedLines(source);

  const report = (node: ts.Node, text: string, why: string) => {
    const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
    if (exemptLines.has(line)) return;
    findings.push({ file, line, text: text.trim().slice(0, 80), why });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (HAS_LETTER.test(node.text)) report(node, node.text, 'JSX text');
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sourceFile);
      const value = node.initializer;
      if (SPOKEN_ATTRIBUTES.has(name)) {
        for (const literal of literalsIn(value)) {
          const text = literalText(literal);
          if (HAS_LETTER.test(text)) report(literal, text, `${name} attribute`);
        }
        return;
      }
      if (value && ts.isStringLiteral(value)) return; // className="…", data-testid="…", type="…"
      if (name === 'className' || name.startsWith('data-') || name === 'style') return;
    }
    if (isStringy(node)) {
      const text = literalText(node);
      if (readsAsText(text) && !isMachineContext(node)) {
        report(node, text, 'string literal');
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function exemptedLines(source: string): Set<number> {
  const lines = new Set<number>();
  source.split('\n').forEach((line, index) => {
    // The marked line and the next one (a comment above the literal, or at its line's end).
    if (line.includes('i18n-exempt')) {
      lines.add(index + 1);
      lines.add(index + 2);
    }
  });
  return lines;
}

function readsAsText(text: string): boolean {
  // Markup (the picture's SVG): only the text between tags is read.
  const trimmed = (text.trimStart().startsWith('<') ? text.replace(/<[^>]*>/g, ' ') : text).trim();
  if (/^\S+:\S*$/.test(trimmed)) return false; // storage keys, data: addresses
  if (!HAS_LETTER.test(trimmed)) return false;
  if (MACHINE_LOOKING.test(trimmed) && !CAPITALISED_WORD.test(trimmed) && !/ /.test(trimmed)) {
    return false;
  }
  if (/^[\w.-]+( [\w.:-]+)*$/.test(trimmed) && /[-_.]/.test(trimmed) && !/^\p{Lu}/u.test(trimmed)) {
    return false; // "card-row is-open", "board.header.title"
  }
  if (/^(https?:|\/|\.\.?\/|#|\[|@media|var\(|rgba?\(|url\(|Bearer )/.test(trimmed)) return false;
  return PROSE.test(trimmed) || CAPITALISED_WORD.test(trimmed);
}

type Stringy = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

function isStringy(node: ts.Node): node is Stringy {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node)
  );
}

/** A literal's words; a template's literal parts joined with a space where each value goes. */
function literalText(node: Stringy): string {
  if (ts.isTemplateExpression(node)) {
    // Each value as a digit: a number between words is how most templates read.
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('0');
  }
  return node.text;
}

function literalsIn(value: ts.JsxAttributeValue | undefined): Stringy[] {
  if (!value) return [];
  if (ts.isStringLiteral(value)) return [value];
  const found: Stringy[] = [];
  const walk = (node: ts.Node) => {
    if (isStringy(node)) {
      if (!isMachineContext(node)) found.push(node);
      return;
    }
    // A call's arguments are its business: `t('board.key', { state: 'open' })` is a key and a
    // select value, not words.
    if (ts.isCallExpression(node)) return;
    ts.forEachChild(node, walk);
  };
  walk(value);
  return found;
}

function isMachineContext(node: ts.Node): boolean {
  let child: ts.Node = node;
  let parent = node.parent;
  // Look through parentheses, `as`, conditional branches and `??`/`||` to the real context.
  while (
    parent &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== child) ||
      (ts.isBinaryExpression(parent) &&
        (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
          parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)))
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isCaseClause(parent)
  ) {
    return true;
  }
  if (ts.isPropertyAssignment(parent) && parent.name === child) return true;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    return (
      operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
      operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
      operator === ts.SyntaxKind.EqualsEqualsToken ||
      operator === ts.SyntaxKind.ExclamationEqualsToken
    );
  }
  if (ts.isNewExpression(parent)) {
    return ts.isIdentifier(parent.expression) && ERROR_CONSTRUCTORS.has(parent.expression.text);
  }
  if (ts.isCallExpression(parent) && parent.expression !== child) {
    const callee = parent.expression;
    if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : '';
    if (MACHINE_CALLS.has(name)) return true;
    if (ts.isPropertyAccessExpression(callee)) {
      const owner = callee.expression.getText();
      if (owner === 'console') return true;
    }
  }
  if (ts.isJsxAttribute(parent)) {
    const name = parent.name.getText();
    return name === 'className' || name.startsWith('data-') || name === 'id' || name === 'key';
  }
  if (ts.isJsxExpression(parent) && parent.parent && ts.isJsxAttribute(parent.parent)) {
    const name = parent.parent.name.getText();
    return !SPOKEN_ATTRIBUTES.has(name);
  }
  return false;
}
