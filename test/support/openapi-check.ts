import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { startChild } from './child-process';

/* eslint-disable @typescript-eslint/no-explicit-any -- walks an untyped JSON document */
type Doc = any;

const CLIENT_DIR = join(__dirname, '..', 'api', 'openapi-client');
export const CLIENT_PROGRAMS = ['driver-app.ts', 'police-app.ts'].map((f) => join(CLIENT_DIR, f));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function deref(doc: Doc, s: any): any {
  if (s && typeof s.$ref === 'string') {
    const name = s.$ref.replace('#/components/schemas/', '');
    return doc.components?.schemas?.[name];
  }
  return s;
}

/** Operations with their path and method. */
export function operations(doc: Doc): Array<{ path: string; method: string; op: any }> {
  const out = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) if (item[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}

/**
 * What a client generator needs and the contract says, as a list of problems (empty = good):
 * OpenAPI 3.1, a schema for every success answer, the shared error body on every 4xx/5xx,
 * security on every non-public route, request bodies where routes read one, integer limits.
 */
export function documentProblems(doc: Doc): string[] {
  const problems: string[] = [];
  if (!/^3\.1\./.test(String(doc.openapi))) problems.push(`openapi is ${doc.openapi}, not 3.1.x`);
  if (!doc.components?.schemas?.Error) problems.push('no shared Error schema');
  for (const { path, method, op } of operations(doc)) {
    const at = `${method.toUpperCase()} ${path}`;
    const responses = Object.entries<any>(op.responses ?? {});
    const ok = responses.filter(([s]) => /^2\d\d$/.test(s));
    if (ok.length === 0) problems.push(`${at}: no 2xx answer`);
    for (const [status, r] of ok) {
      const content = r.content ?? {};
      if (Object.keys(content).length === 0) problems.push(`${at}: ${status} has no content`);
      for (const [type, media] of Object.entries<any>(content)) {
        if (!media.schema) problems.push(`${at}: ${status} ${type} has no schema`);
      }
    }
    const errors = responses.filter(([s]) => /^[45]\d\d$/.test(s));
    if (errors.length === 0) problems.push(`${at}: no error answers`);
    for (const [status, r] of errors) {
      if (path === '/health/ready' && status === '503') continue; // answers its checks
      const ref = r.content?.['application/json']?.schema?.$ref;
      if (ref !== '#/components/schemas/Error') {
        problems.push(`${at}: ${status} is not the shared Error body`);
      }
    }
    const access = op['x-access'];
    if (!access) problems.push(`${at}: no access decision (x-access)`);
    if (access && access !== 'public') {
      if (!Array.isArray(op.security) || op.security.length === 0) {
        problems.push(`${at}: ${access} route without a security requirement`);
      }
      if (!op.responses?.['401']) problems.push(`${at}: ${access} route without 401`);
    }
    if (access === 'public' && !(Array.isArray(op.security) && op.security.length === 0)) {
      problems.push(`${at}: public route must say security: []`);
    }
    if (method === 'post' && path !== '/v1/ingest/events' && !op.requestBody) {
      problems.push(`${at}: no request body`);
    }
    if (path === '/v1/ingest/events' && !op.requestBody) problems.push(`${at}: no request body`);
    for (const p of op.parameters ?? []) {
      const s = deref(doc, p.schema) ?? {};
      if (['limit', 'offset', 'stay'].includes(p.name) && s.type !== 'integer') {
        problems.push(`${at}: parameter ${p.name} is ${s.type}, not integer`);
      }
      if (['limit', 'radius', 'lat', 'lon'].includes(p.name) && s.maximum === undefined) {
        problems.push(`${at}: parameter ${p.name} has no maximum`);
      }
    }
  }
  const police = operations(doc).find((o) => o.path === '/v1/police/violations');
  const names = (police?.op.parameters ?? []).map((p: any) => p.name);
  for (const n of ['zone', 'status', 'kind', 'from', 'to', 'limit', 'offset']) {
    if (!names.includes(n)) problems.push(`GET /v1/police/violations: no ${n} parameter`);
  }
  return problems;
}

/** Runs openapi-typescript (Node API, in a child: it is ESM-only) on the document. */
export async function generateClientTypes(doc: Doc): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
  const input = join(dir, 'openapi.json');
  const output = join(dir, 'api.d.ts');
  writeFileSync(input, JSON.stringify(doc));
  const child = startChild(process.execPath, [join(CLIENT_DIR, 'generate.mjs'), input, output]);
  const code = await Promise.race([
    child.exited,
    new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000).unref()),
  ]);
  if (code !== 0) {
    await child.kill('SIGKILL');
    throw new Error(`openapi-typescript failed (${code}):\n${child.output()}`);
  }
  return output;
}

/** Type-checks the client programs against generated types; the diagnostics, empty when fine. */
export function typeCheckClients(typesFile: string): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: false,
    baseUrl: CLIENT_DIR,
    paths: { '@parking/api-types': [typesFile] },
  };
  const program = ts.createProgram(CLIENT_PROGRAMS, options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.replace(CLIENT_DIR + '/', '')}:${line + 1}: ${text}`;
  });
}
