/**
 * Node/V8 flags of the API process (launchers: Dockerfile, docker/compose.yml,
 * scripts/start-backend.js; with HTTP_WORKERS > 1 the primary adds them to its workers).
 *
 * `--max-semi-space-size=2` (MB; V8's default grows to 16): the young generation stays small.
 * Measured at 135,000 spaces (docs/scaling.md "API process memory"): RSS per API process 211 ->
 * 173 MiB and the node:cluster primary 128 -> 91 MiB; scavenges are more frequent but each is
 * shorter (the longest nearby wait during a city reload did not grow). Node 20 and later.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];

/** `execArgv` plus any API flag it lacks (for the forked workers). */
export function withApiFlags(execArgv: readonly string[]): string[] {
  const name = (f: string) => f.split('=')[0];
  const have = new Set(execArgv.map(name));
  return [...execArgv, ...API_NODE_FLAGS.filter((f) => !have.has(name(f)))];
}
