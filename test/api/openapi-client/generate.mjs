// Generates TypeScript types (`paths`, `components`) from an OpenAPI document with
// openapi-typescript's Node API. ESM (openapi-typescript is ESM-only), so the jest test runs it
// in a child process: node generate.mjs <openapi.json> <out.d.ts>
import openapiTS, { astToString } from 'openapi-typescript';
import { readFile, writeFile } from 'node:fs/promises';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('usage: node generate.mjs <openapi.json> <out.d.ts>\n');
  process.exit(2);
}
const doc = JSON.parse(await readFile(input, 'utf8'));
const ast = await openapiTS(doc);
await writeFile(output, astToString(ast));
process.stdout.write(`types written to ${output}\n`);
