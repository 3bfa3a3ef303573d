/**
 * `npm run bench [-- --only part,part] [-- part options]`: runs the benchmark parts, prints a
 * table of figures beside their targets (and the reference server's figure and our ratio to it,
 * where there is one), and writes bench/results/latest.json (not committed).
 *
 * Part options: fanout `--scenario 50/10[,500/50]`, `--all-scenarios`, `--fanout-seconds 20`;
 * instances `--instances-seconds 10`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runClientBench } from './clientBench.ts';
import { runCompressionBench } from './compressionBench.ts';
import { runConnectionsBench } from './connectionsBench.ts';
import { runConsensusBench } from './consensusBench.ts';
import { runDocGrowthBench } from './docGrowthBench.ts';
import { runFanoutBench } from './fanoutBench.ts';
import { type BenchFigure, meetsTarget } from './figures.ts';
import { runInstancesBench } from './instancesBench.ts';
import { runPhoneBench } from './phoneBench.ts';
import { runStartBench } from './startBench.ts';

type Part = (args: readonly string[]) => BenchFigure[] | Promise<BenchFigure[]>;

const PARTS: Record<string, Part> = {
  fanout: runFanoutBench,
  connections: runConnectionsBench,
  docgrowth: runDocGrowthBench,
  consensus: runConsensusBench,
  client: runClientBench,
  start: runStartBench,
  compression: runCompressionBench,
  instances: runInstancesBench,
  phone: runPhoneBench,
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

function format(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

const args = process.argv.slice(2);
const figures: BenchFigure[] = [];
interface PartTiming {
  part: string;
  seconds: number;
  /** The machine's 1-minute load average before and after: other work skews the figures. */
  loadBefore: number;
  loadAfter: number;
  error?: string;
}
const timings: PartTiming[] = [];
for (const part of selectedParts(args)) {
  const run = PARTS[part];
  if (!run) continue;
  console.log(`running ${part}…`);
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const timing = () => ({
    part,
    seconds: (performance.now() - started) / 1000,
    loadBefore,
    loadAfter: loadavg()[0] ?? Number.NaN,
  });
  try {
    figures.push(...(await run(args)));
    timings.push(timing());
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`part ${part} FAILED: ${message}`);
    timings.push({ ...timing(), error: message });
  }
}

console.log(`\nContinuum benchmarks — ${cpus().length} cores, Node ${process.version}\n`);
console.log(
  `${'part'.padEnd(11)} ${'figure'.padEnd(58)} ${'value'.padStart(9)} ${'unit'.padEnd(5)} ${'target'.padEnd(15)} ${'reference'.padStart(9)} ${'ours÷ref'.padStart(8)}`,
);
for (const figure of figures) {
  const verdict = meetsTarget(figure);
  const target =
    figure.target === null ? '' : `${figure.better === 'lower' ? '≤' : '≥'} ${figure.target}`;
  const mark = verdict === null ? '' : verdict ? 'ok' : 'MISSED';
  const ratio =
    figure.reference === undefined || figure.reference === 0
      ? ''
      : `${(figure.value / figure.reference).toFixed(2)}×`;
  console.log(
    `${figure.part.padEnd(11)} ${figure.name.padEnd(58)} ${format(figure.value).padStart(9)} ${figure.unit.padEnd(5)} ${target.padEnd(15)} ${format(figure.reference).padStart(9)} ${ratio.padStart(8)}  ${mark}`,
  );
}
console.log('');
for (const timing of timings) {
  console.log(
    `${timing.part.padEnd(11)} took ${timing.seconds.toFixed(1)} s; machine load ${timing.loadBefore.toFixed(1)} → ${timing.loadAfter.toFixed(1)}${timing.error ? ' (FAILED)' : ''}`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      cores: cpus().length,
      node: process.version,
      args,
      parts: timings,
      figures,
    },
    null,
    2,
  )}\n`,
);
console.log('\nWritten to bench/results/latest.json');
// Keep-alive sockets and the like must not keep the run alive: it stops by itself.
process.exit(timings.some((timing) => timing.error) ? 1 : 0);
