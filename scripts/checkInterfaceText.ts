/**
 * `npm run check:text`: fails when user-facing text is written in code rather than taken from a
 * message catalogue (shared/i18n/messages): in the client's components and modules, and in the
 * shared modules that build text people read (the picture export, server-given names). Missing
 * catalogue keys are the type check's job (`MessageKey`); this finds text that never had a key.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findInterfaceText } from './i18n/interfaceText.ts';

const ROOTS = ['client'];
const SHARED_TEXT_MODULES = [
  'shared/boardPicture.ts',
  'shared/i18n/serverNames.ts',
  'shared/i18n/rubricText.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

const files = [...ROOTS.flatMap(sourceFiles), ...SHARED_TEXT_MODULES];
const findings = files.flatMap((file) => findInterfaceText(file, readFileSync(file, 'utf8')));
for (const finding of findings) {
  console.log(`${finding.file}:${finding.line}  ${finding.why}: "${finding.text}"`);
}
if (findings.length > 0) {
  console.log(
    `\n${findings.length} interface text(s) outside the catalogues. Move them into shared/i18n/messages, or mark machine text with "// i18n-exempt: <why>".`,
  );
  process.exit(1);
}
console.log(`Interface text: ${files.length} files, all words from the catalogues.`);
