/**
 * PostgreSQL array literals built in one pass. node-postgres serialises a JS array element by
 * element through generic escaping, which cost the ingest worker more CPU than any other single
 * step of recording a batch; these know their element types.
 */
export function textArray(values: ReadonlyArray<string | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (v.indexOf('"') < 0 && v.indexOf('\\') < 0) out += '"' + v + '"';
    else out += '"' + v.replace(/[\\"]/g, '\\$&') + '"';
  }
  return out + '}';
}

/** Finite numbers (integers print without exponent below 1e21) or NULL. */
export function numberArray(values: ReadonlyArray<number | null | undefined>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    out += v === null || v === undefined ? 'NULL' : String(v);
  }
  return out + '}';
}

export function boolArray(values: ReadonlyArray<boolean>): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + (values[i] ? 't' : 'f');
  return out + '}';
}
