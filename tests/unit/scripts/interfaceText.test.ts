import { describe, expect, it } from 'vitest';
import { findInterfaceText } from '../../../scripts/i18n/interfaceText.ts';

const found = (source: string, file = 'x.tsx') =>
  findInterfaceText(file, source).map((finding) => finding.text);

describe('interface text written in code', () => {
  it('finds words in JSX and in the attributes people read or hear', () => {
    expect(found('const a = <p>Not finished</p>;')).toEqual(['Not finished']);
    expect(found('const a = <button aria-label="Close panel" />;')).toEqual(['Close panel']);
    expect(found("const a = <input placeholder={'Your name'} />;")).toEqual(['Your name']);
    expect(found('const a = <b title={busy ? "Saving" : "Saved"} />;')).toEqual([
      'Saving',
      'Saved',
    ]);
  });

  it('finds prose and capitalised words in plain modules, templates included', () => {
    expect(found("const reason = 'Placing is closed';", 'x.ts')).toEqual(['Placing is closed']);
    expect(found("const word = cond ? 'Resume' : 'Pause';", 'x.ts')).toEqual(['Resume', 'Pause']);
    expect(found('const s = `${n} people finished`;', 'x.ts')).toEqual(['0 people finished']);
    expect(found('const svg = `<title>Element position ${x}</title>`;', 'x.ts')).toHaveLength(1);
  });

  it('lets machine text through', () => {
    const machine = [
      "import { x } from './Board.tsx';",
      'const a = <div className="card-row is-open" data-testid="card row" id="lane-1" />;',
      "if (event.key === 'Enter') go();",
      "switch (key) { case 'ArrowLeft': break; }",
      "console.error('Something broke here');",
      "throw new Error('This cannot happen now');",
      "document.querySelector('.card-row .chip');",
      'const svg = `<rect x="${x}" fill="#fff"/>`;',
      "const key = 'continuum:identity:1';",
      "const label = t('board.header.title');",
      'const auth = `Bearer ${token}`;',
      "const map = { 'Some Key': 1 };",
    ].join('\n');
    expect(found(machine)).toEqual([]);
  });

  it('respects a reasoned exemption on the line above', () => {
    expect(found("// i18n-exempt: the product's name\nconst brand = 'Continuum';", 'x.ts')).toEqual(
      [],
    );
    expect(found("const brand = 'Continuum';", 'x.ts')).toEqual(['Continuum']);
  });
});
