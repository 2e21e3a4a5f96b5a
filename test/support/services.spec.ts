import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// plain CommonJS shared with scripts/test.js and the jest global setup
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require('./services') as {
  NEEDS: Record<string, string>;
  readNeeds(file: string): string[] | null;
  isServiceSuite(file: string): boolean;
};

const ROOT = join(__dirname, '..', '..');

function suitesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...suitesUnder(p));
    else if (services.isServiceSuite(p)) out.push(p);
  }
  return out;
}

describe('@needs declarations', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'needs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (text: string) => {
    const p = join(dir, `${Math.random().toString(36).slice(2)}.e2e-spec.ts`);
    writeFileSync(p, text);
    return p;
  };

  it('reads the docblock, `none`, and refuses unknown or empty needs', () => {
    expect(services.readNeeds(file('/** @needs postgres redis (why) */\nit();'))).toEqual([
      'postgres',
      'redis',
    ]);
    expect(services.readNeeds(file('/**\n * @needs mosquitto\n */\n'))).toEqual(['mosquitto']);
    expect(services.readNeeds(file('/** @needs none */\n'))).toEqual([]);
    expect(services.readNeeds(file('import x from "y";\n'))).toBeNull();
    expect(() => services.readNeeds(file('/** @needs postgress */'))).toThrow(/unknown @needs/);
    expect(() => services.readNeeds(file('/** @needs */'))).toThrow(/unknown @needs/);
  });

  it('every integration and fault suite of the repository declares valid needs', () => {
    const suites = ['apps', 'libs', 'sensors-sim', 'bench', 'test', 'scripts'].flatMap((d) => {
      try {
        return suitesUnder(join(ROOT, d));
      } catch {
        return [];
      }
    });
    expect(suites.length).toBeGreaterThan(30);
    const undeclared = suites.filter((s) => services.readNeeds(s) === null);
    expect(undeclared).toEqual([]);
  });
});
