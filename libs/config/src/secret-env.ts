/**
 * Reads a secret from an environment variable named at run time (e.g. a CLI's
 * `--password-env VAR`), so secrets never travel on a command line.
 */
export function readSecretEnv(
  name: string,
  source: Record<string, string | undefined> = process.env,
): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
  const v = source[name];
  return v === undefined || v === '' ? undefined : v;
}
