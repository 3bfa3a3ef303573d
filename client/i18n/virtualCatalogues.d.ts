/** The catalogues compiled at build time (vite.config.ts, shared/i18n/compiledCatalogue.ts). */
declare module 'virtual:continuum-catalogue/*' {
  const catalogue: import('../../shared/i18n/formatter.ts').CompiledCatalogue;
  export default catalogue;
}
