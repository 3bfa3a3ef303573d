import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import { compiledCatalogue } from './shared/i18n/compiledCatalogue.ts';
import { isDisplayLocale } from './shared/i18n/locales.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt)$/;

/**
 * Writes `x.br` and `x.gz` beside each text file of the build, which the server sends to a
 * browser that accepts them (server/http/staticFiles.ts): on a phone's 3G link the JavaScript
 * is most of the wait, and compressing at build time costs the server nothing per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'continuum-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
        );
      const files = walk(outDir).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(file);
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          };
          await writeFile(`${file}.gz`, await gzipped(content, { level: 9 }));
          await writeFile(`${file}.br`, await brotli(content, { params }));
        }),
      );
    },
  };
}

const CATALOGUE = 'virtual:continuum-catalogue/';

/**
 * `virtual:continuum-catalogue/<locale>`: that language's messages compiled to ICU syntax trees
 * (client/i18n/languages.ts). Read when the build (or the dev server) starts: restart the dev
 * server after editing a message.
 */
function compiledCatalogues(): Plugin {
  return {
    name: 'continuum-catalogues',
    resolveId: (id) => (id.startsWith(CATALOGUE) ? `\0${id}` : null),
    load(id) {
      if (!id.startsWith(`\0${CATALOGUE}`)) return null;
      const locale = id.slice(CATALOGUE.length + 1);
      if (!isDisplayLocale(locale)) this.error(`no catalogue for "${locale}"`);
      // JSON.parse of a string is faster to load than the same object as a literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(compiledCatalogue(locale)))});`;
    },
  };
}

/**
 * Every module the entry imports statically, at any depth, in one chunk ("app"): what a page
 * loads first then comes as one file (beside the tiny entry and the bundler's runtime) instead
 * of a score of small ones, each costing a phone a request. The modules only lazy chunks use
 * stay in those.
 */
const firstLoadChunk: Rolldown.CodeSplittingNameFunction = (moduleId, context) => {
  firstLoad ??= staticGraph((id) => context.getModuleInfo(id));
  return firstLoad.has(moduleId) ? 'app' : null;
};
let firstLoad: Set<string> | undefined;

/** A new build (a watch's rebuild) finds the graph again. */
function firstLoadGraphPerBuild(): Plugin {
  return {
    name: 'continuum-first-load',
    apply: 'build',
    buildStart() {
      firstLoad = undefined;
    },
  };
}

function staticGraph(getModuleInfo: Rolldown.ChunkingContext['getModuleInfo']): Set<string> {
  const entry = fileURLToPath(new URL('./client/main.tsx', import.meta.url));
  const seen = new Set<string>();
  const pending = [entry];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...(getModuleInfo(id)?.importedIds ?? []));
  }
  // Not a silent fallback to a score of chunks: the entry moved or the bundler changed.
  if (seen.size <= 1) throw new Error(`no static imports found from ${entry}`);
  return seen;
}

export default defineConfig({
  root: 'client',
  plugins: [react(), compiledCatalogues(), firstLoadGraphPerBuild(), precompress()],
  resolve: {
    // The client formats compiled messages only (above): FormatJS without its message parser.
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
      },
    ],
  },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The first-load chunk (above) is about 550 kB before compression, 160 kB gzipped.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: firstLoadChunk, debugName: 'first load' }] } },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
