const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['spaces', 12, 'lotId']` -> `$.spaces[12].lotId` (JSONPath, as shown to administrators). */
export function toJsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && IDENT.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}
