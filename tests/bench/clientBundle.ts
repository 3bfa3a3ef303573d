/**
 * The production bundle: `vite build` into a temporary folder, then the gzip size of what
 * index.html loads before anything else (its module scripts, their modulepreloads and static
 * imports, its stylesheets), as opposed to chunks loaded lazily with import().
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO_ROOT } from './serverProcess.ts';

export interface BundleSizes {
  buildSeconds: number;
  initialJsGzip: number;
  initialJsFiles: string[];
  initialCssGzip: number;
  allJsGzip: number;
}

/** `sourcemap`: maps beside the chunks, to read a profile of the page (PHONE_PROFILE). */
export function buildClient(outDir: string, options: { sourcemap?: boolean } = {}): number {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
      ...(options.sourcemap ? ['--sourcemap'] : []),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000 },
  );
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.status}): ${result.stderr}${result.stdout}`);
  }
  return (performance.now() - started) / 1000;
}

function attributeValues(html: string, tag: RegExp, attribute: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(tag)) {
    const value = new RegExp(`${attribute}="([^"]+)"`).exec(match[0])?.[1];
    if (value) values.push(value);
  }
  return values;
}

/** Static `import … from "./x.js"` / `import "./x.js"` of a chunk; not dynamic import(). */
function staticImports(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(
    /\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g,
  )) {
    if (match[1]) found.push(match[1]);
  }
  return found;
}

const gzipBytes = (file: string) => gzipSync(readFileSync(file)).length;

export function measureBundle(outDir: string, buildSeconds: number): BundleSizes {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const fileOf = (url: string) => join(outDir, url.replace(/^\//, ''));
  const pending = [
    ...attributeValues(html, /<script\b[^>]*type="module"[^>]*>/g, 'src'),
    ...attributeValues(html, /<link\b[^>]*rel="modulepreload"[^>]*>/g, 'href'),
  ];
  const initial = new Set<string>();
  while (pending.length > 0) {
    const url = pending.pop();
    if (url === undefined || initial.has(url)) continue;
    initial.add(url);
    for (const imported of staticImports(readFileSync(fileOf(url), 'utf8'))) {
      pending.push(posix.join(posix.dirname(url), imported));
    }
  }
  const stylesheets = attributeValues(html, /<link\b[^>]*rel="stylesheet"[^>]*>/g, 'href');
  const assets = join(outDir, 'assets');
  const allJs = readdirSync(assets).filter((name) => name.endsWith('.js'));
  return {
    buildSeconds,
    initialJsGzip: [...initial].reduce((sum, url) => sum + gzipBytes(fileOf(url)), 0),
    initialJsFiles: [...initial],
    initialCssGzip: stylesheets.reduce((sum, url) => sum + gzipBytes(fileOf(url)), 0),
    allJsGzip: allJs.reduce((sum, name) => sum + gzipBytes(join(assets, name)), 0),
  };
}
