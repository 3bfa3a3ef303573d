#!/usr/bin/env node
// Playwright drives Debian's Chromium: browser downloads do not work on these machines.
// Installs it, and the one font family the layout tests rely on, with apt-get when missing and
// we are root (CI runs as root). Only those packages: no recommended extras, and no upgrade of
// anything else on the machine.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const required = [
  { name: 'chromium', present: existsSync(chromium) },
  { name: 'fonts-liberation', present: existsSync('/usr/share/fonts/truetype/liberation') },
];
const missing = required.filter((item) => !item.present).map((item) => item.name);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    `Missing for the browser tests: ${missing.join(', ')}. Install them (Debian: sudo apt-get ` +
      `install -y --no-install-recommends ${missing.join(' ')}) or set CHROMIUM_PATH to a ` +
      'Chromium binary.',
  );
  process.exit(1);
}
console.log(
  `Installing Debian's ${missing.join(' and ')} for the browser tests with apt-get ` +
    '(--no-install-recommends; nothing else is upgraded)…',
);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, {
  stdio: 'inherit',
  env,
});
if (!existsSync(chromium)) {
  console.error(`apt-get finished but ${chromium} is still missing.`);
  process.exit(1);
}
console.log(`Installed ${missing.join(' and ')}.`);
