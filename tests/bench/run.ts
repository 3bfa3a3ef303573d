/**
 * `npm run bench [-- --only part,part]`: runs the benchmark parts, prints a table of figures
 * beside their targets, and writes bench/results/latest.json (not committed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runConsensusBench } from './consensusBench.ts';
import { type BenchFigure, meetsTarget } from './figures.ts';

const PARTS: Record<string, () => BenchFigure[] | Promise<BenchFigure[]>> = {
  consensus: runConsensusBench,
};

function selectedParts(argv: string[]): string[] {
  const index = argv.indexOf('--only');
  if (index === -1) return Object.keys(PARTS);
  const names = (argv[index + 1] ?? '').split(',').filter(Boolean);
  for (const name of names) {
    if (!(name in PARTS))
      throw new Error(`unknown part "${name}"; parts: ${Object.keys(PARTS).join(', ')}`);
  }
  return names;
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

const figures: BenchFigure[] = [];
for (const part of selectedParts(process.argv.slice(2))) {
  const run = PARTS[part];
  if (run) figures.push(...(await run()));
}

console.log(`\nContinuum benchmarks — ${cpus().length} cores, Node ${process.version}\n`);
for (const figure of figures) {
  const verdict = meetsTarget(figure);
  const target =
    figure.target === null
      ? ''
      : `target ${figure.better === 'lower' ? '≤' : '≥'} ${figure.target} ${figure.unit}`;
  const mark = verdict === null ? '' : verdict ? 'ok' : 'MISSED';
  console.log(
    `${figure.part.padEnd(10)} ${figure.name.padEnd(64)} ${format(figure.value).padStart(9)} ${figure.unit.padEnd(4)} ${target.padEnd(18)} ${mark}`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify({ at: new Date().toISOString(), cores: cpus().length, node: process.version, figures }, null, 2)}\n`,
);
console.log('\nWritten to bench/results/latest.json');
