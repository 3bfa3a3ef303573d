/**
 * The repository stands on its own: no source, test, script or document reads or links a path
 * outside its own tree, and the tests that read the repository's files or start its processes
 * pass from a copy in a folder with nothing beside it (a fresh clone can land anywhere). The
 * other tests touch nothing by path: the first check above keeps them so.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Top-level folders that are installed, built or written by runs: not part of the repository. */
const NOT_OURS = new Set([
  'node_modules',
  '.git',
  'dist',
  'data',
  'test-results',
  'playwright-report',
  'bench',
]);
const TEXT_FILES = new Set(['.ts', '.tsx', '.mjs', '.js', '.json', '.md', '.css', '.html']);

function isOurs(path: string): boolean {
  const top = relative(root, path).split(sep)[0] ?? '';
  return !NOT_OURS.has(top) && !path.split(sep).includes('node_modules');
}

function repositoryFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (!isOurs(path)) continue;
    if (entry.isDirectory()) files.push(...repositoryFiles(path));
    else if (entry.isFile() && TEXT_FILES.has(extname(entry.name))) files.push(path);
  }
  return files;
}

/** Relative paths in string literals (imports, `new URL(…, import.meta.url)`) and markdown links. */
function relativeReferences(text: string): string[] {
  const references: string[] = [];
  for (const match of text.matchAll(/['"`](\.\.?\/[^'"`\s]*)['"`]/g))
    references.push(match[1] ?? '');
  for (const match of text.matchAll(/\]\((\.\.?\/[^)\s#]*)[^)]*\)/g))
    references.push(match[1] ?? '');
  return references;
}

/** Paths that are relative to something other than their file, each with the reason. */
const NOT_FILE_RELATIVE = new Set([
  // Vite's build.outDir is relative to its `root: 'client'`: dist/client.
  'vite.config.ts → ../dist/client',
]);

/** Reading a file, finding one by path, or starting a process: what a folder can break. */
const LOCATION_BOUND =
  /readFileSync|readdirSync|import\.meta\.url|process\.cwd\(\)|execFile|spawn|serverProcess/g;

/**
 * Starts the server through tests/support/serverProcess.ts, which finds it by one path: this
 * test starts it from the copy, so the others whose only tie to the folder is that one path
 * (the cluster's, the proxies') are not run again from the copy.
 */
const SERVER_START_TEST = 'tests/server/processLifecycle.test.ts';

/** The test files whose outcome depends on where the repository lies (this one aside). */
function locationBoundTests(): string[] {
  return repositoryFiles(join(root, 'tests'))
    .filter((file) => file.endsWith('.test.ts') && file !== fileURLToPath(import.meta.url))
    .filter((file) => !relative(root, file).startsWith(`tests${sep}attacks`))
    .map((file) => ({
      path: relative(root, file).split(sep).join('/'),
      traits: new Set(readFileSync(file, 'utf8').match(LOCATION_BOUND) ?? []),
    }))
    .filter(({ traits }) => traits.size > 0)
    .filter(
      ({ path, traits }) =>
        path === SERVER_START_TEST || !(traits.size === 1 && traits.has('serverProcess')),
    )
    .map(({ path }) => path);
}

function isInside(path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot !== '..' && !fromRoot.startsWith(`..${sep}`);
}

describe('a fresh clone stands on its own', () => {
  it('no file reads or links a path outside the repository', () => {
    const files = repositoryFiles(root);
    expect(files.length).toBeGreaterThan(100);
    const escapes: string[] = [];
    for (const file of files) {
      for (const reference of relativeReferences(readFileSync(file, 'utf8'))) {
        const link = `${relative(root, file)} → ${reference}`;
        const outside = !isInside(resolve(dirname(file), reference));
        if (outside && !NOT_FILE_RELATIVE.has(link)) escapes.push(link);
      }
    }
    expect(escapes).toEqual([]);
  });

  it('names no planning note that lives outside the repository', () => {
    const outsideNotes = /\b(DESIGN|STYLE|UX|TOOLCHAIN)\.md\b/;
    const naming = repositoryFiles(root)
      .filter((file) => file !== fileURLToPath(import.meta.url))
      .filter((file) => outsideNotes.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(naming).toEqual([]);
  });

  describe('from a copy in a temporary folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'continuum-clone-'));
    afterAll(() => rmSync(parent, { recursive: true, force: true }));

    it('passes the tests that read files or start processes', {
      timeout: 300_000,
    }, async () => {
      const copy = join(parent, 'continuum');
      cpSync(root, copy, {
        recursive: true,
        filter: isOurs,
      });
      // The dependencies are installed, not part of the repository: the copy uses ours.
      symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
      const located = locationBoundTests();
      expect(located).toContain('tests/unit/shared/rubric.test.ts');
      expect(located).toContain(SERVER_START_TEST);
      const result = await new Promise<{ code: number; output: string }>((done) => {
        execFile(
          process.execPath,
          ['node_modules/vitest/vitest.mjs', 'run', ...located],
          {
            cwd: copy,
            maxBuffer: 64 * 1024 * 1024,
            env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
          },
          (error, stdout, stderr) =>
            done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
        );
      });
      expect(result.output).toMatch(/Test Files\s+\S*\d+ passed/);
      expect(result.code, result.output.slice(-4000)).toBe(0);
    });
  });
});
