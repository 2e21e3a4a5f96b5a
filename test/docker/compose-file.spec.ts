import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..');
const DOCKER = join(ROOT, 'docker');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  restart?: string;
  profiles?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }> | string[];
  volumes?: string[];
}

/** Applies YAML merge keys (`<<: *anchor`), which js-yaml 5 leaves as plain keys. */
function merged(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(merged);
  if (v === null || typeof v !== 'object') return v;
  const { '<<': base, ...own } = v as Record<string, unknown>;
  const bases = (Array.isArray(base) ? base : base ? [base] : []).map(merged) as object[];
  const out: Record<string, unknown> = Object.assign({}, ...bases);
  for (const [k, x] of Object.entries(own)) out[k] = merged(x);
  return out;
}

/** Static checks of docker/: what `docker compose up` would trip on, without a Docker daemon. */
describe('docker/compose.yml and the Dockerfile', () => {
  const compose = merged(load(readFileSync(join(DOCKER, 'compose.yml'), 'utf8'))) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const services = Object.entries(compose.services);
  const dockerfile = readFileSync(join(DOCKER, 'Dockerfile'), 'utf8');
  const oneShot = (s: Service) => s.restart === 'no';
  // the enforcer has no HTTP port; its restart policy is its recovery
  const noHealthcheck = ['enforcer'];

  it('every bind mount exists in the repository; named volumes are declared', () => {
    for (const [name, s] of services) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0];
        if (source.startsWith('.')) {
          expect({ name, source, exists: existsSync(join(DOCKER, source)) }).toEqual({
            name,
            source,
            exists: true,
          });
        } else {
          expect(Object.keys(compose.volumes)).toContain(source);
        }
      }
    }
  });

  it('long-running services restart and have healthchecks; depends_on waits on conditions', () => {
    for (const [name, s] of services) {
      if (!oneShot(s))
        expect({ name, restart: s.restart }).toEqual({ name, restart: 'unless-stopped' });
      if (!oneShot(s) && !s.profiles && !noHealthcheck.includes(name)) {
        expect({ name, healthcheck: Array.isArray(s.healthcheck?.test) }).toEqual({
          name,
          healthcheck: true,
        });
      }
      if (!s.depends_on) continue;
      expect({ name, map: !Array.isArray(s.depends_on) }).toEqual({ name, map: true });
      for (const [dep, { condition }] of Object.entries(s.depends_on)) {
        const target = compose.services[dep];
        expect(target).toBeDefined();
        const wanted = oneShot(target) ? 'service_completed_successfully' : 'service_healthy';
        expect({ name, dep, condition }).toEqual({ name, dep, condition: wanted });
      }
    }
  });

  it('every node command names a compiled entry with a source, and files the image has', () => {
    const copied = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    for (const [name, s] of services) {
      const cmd = [...(s.entrypoint ?? []), ...(s.command ?? []), ...(s.healthcheck?.test ?? [])];
      for (const arg of cmd.filter((a) => /\.js$/.test(a))) {
        const file = arg.replace(/^\.\//, '');
        if (file.startsWith('dist/')) {
          const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
          expect({ name, source, exists: existsSync(join(ROOT, source)) }).toEqual({
            name,
            source,
            exists: true,
          });
        } else {
          expect({ name, file, exists: existsSync(join(ROOT, file)) }).toEqual({
            name,
            file,
            exists: true,
          });
          expect({ name, file, copied: copied.includes(file) }).toEqual({
            name,
            file,
            copied: true,
          });
        }
      }
    }
  });

  it("every path in mosquitto.conf is under one of the broker's mounts", () => {
    const mounts = (compose.services.mosquitto.volumes ?? []).map((v) => v.split(':')[1]);
    const conf = readFileSync(join(DOCKER, 'mosquitto/mosquitto.conf'), 'utf8');
    const paths = conf
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .flatMap((l) => l.match(/\/mosquitto\/\S+/g) ?? []);
    expect(paths.length).toBeGreaterThanOrEqual(5);
    for (const p of paths) {
      expect({
        p,
        mounted: mounts.some((m) => p === m || p.startsWith(`${m.replace(/\/$/, '')}/`)),
      }).toEqual({
        p,
        mounted: true,
      });
    }
    // the conf cites documents that exist
    for (const doc of conf.match(/\b(?:docs|docker)\/[\w./-]+\.md\b/g) ?? []) {
      expect({ doc, exists: existsSync(join(ROOT, doc)) }).toEqual({ doc, exists: true });
    }
  });

  it('every image stage is on an even (LTS) Node major from 22 on', () => {
    const majors = [...dockerfile.matchAll(/node:(\d+)/g)].map((m) => Number(m[1]));
    expect(majors.length).toBeGreaterThan(0);
    for (const m of majors) expect(m % 2 === 0 && m >= 22).toBe(true);
  });

  it('.dockerignore keeps host dependencies, history and secrets out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of [
      '.git',
      '**/node_modules',
      'dist',
      '.env',
      '**/.env',
      'docker/mosquitto/certs',
      '.local',
    ]) {
      expect(ignored).toContain(p);
    }
  });
});
