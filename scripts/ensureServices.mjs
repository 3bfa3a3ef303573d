#!/usr/bin/env node
// The services some unit tests need: redis-server and PostgreSQL (its initdb). When one is
// missing and we are root (CI runs as root), installs it from Debian's packages with apt-get
// (--no-install-recommends; `apt-get update` only if the first try fails). Never fails the run:
// without a service, the tests that need it are skipped with the reason (tests/support/
// servicesSetup.ts says which), and the closing line counts them as skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const POSTGRES_LIB = '/usr/lib/postgresql';

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function hasInitdb() {
  if (onPath('initdb')) return true;
  if (!existsSync(POSTGRES_LIB)) return false;
  return readdirSync(POSTGRES_LIB).some((version) =>
    existsSync(`${POSTGRES_LIB}/${version}/bin/initdb`),
  );
}

const missing = [
  { name: 'redis-server', present: onPath('redis-server') },
  { name: 'postgresql', present: hasInitdb() },
]
  .filter((service) => !service.present)
  .map((service) => service.name);
if (missing.length === 0) {
  console.log('redis-server and PostgreSQL are installed.');
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.log(
    `Missing: ${missing.join(', ')} (not root or no apt-get: not installed); the tests that need ` +
      'them are skipped.',
  );
  process.exit(0);
}

const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const install = () =>
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env,
    encoding: 'utf8',
  });
console.log(`Installing Debian's ${missing.join(' and ')} for the tests with apt-get…`);
let result = install();
if (result.status !== 0) {
  spawnSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  result = install();
}
if (result.status === 0) {
  console.log(`Installed ${missing.join(' and ')}.`);
} else {
  const last = `${result.stderr ?? ''}${result.error?.message ?? ''}`.trim().split('\n').at(-1);
  console.log(
    `Could not install ${missing.join(', ')} (${last || `apt-get exited with ${result.status}`}); ` +
      'the tests that need them are skipped.',
  );
}
