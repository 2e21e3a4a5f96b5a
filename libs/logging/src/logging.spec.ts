import { Writable } from 'node:stream';
import pino from 'pino';
import { PinoNestLogger } from './nest-logger';
import { OutageLog } from './outage-log';
import { prettyLine } from './pretty';
import { redactUrl } from './redact';
import { errorReason, serviceLine } from './service-errors';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level, base: { app: 't' } }, out), lines };
}

describe('logging', () => {
  it('redacts passwords in service URLs', () => {
    expect(redactUrl('redis://:pw@h:6379/0')).toBe('redis://:***@h:6379/0');
    expect(redactUrl('postgres://u:p@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('mqtt://h:1883')).toBe('mqtt://h:1883');
  });

  it('names the setting and the reason in one line', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(
      serviceLine({ service: 'Redis', variable: 'REDIS_URL', url: 'redis://:x@h:1/0' }, err),
    ).toBe('cannot reach Redis at REDIS_URL=redis://:***@h:1/0 (ECONNREFUSED)');
    const pg = Object.assign(new Error('database "x" does not exist'), { code: '3D000' });
    expect(errorReason(pg)).toBe('3D000 database "x" does not exist');
  });

  it('reports an outage once, repeats at most per interval, and once when back', () => {
    const { logger, lines } = capture();
    let now = 0;
    const o = new OutageLog(
      logger,
      { service: 'B', variable: 'V', url: 'mqtt://h' },
      1000,
      () => now,
    );
    const err = Object.assign(new Error('x'), { code: 'ECONNREFUSED' });
    for (now = 0; now < 3500; now += 100) o.failed(err, 'p0');
    o.failed(err, 'p1');
    expect(lines.map((l) => l.msg)).toEqual([
      'cannot reach B at V=mqtt://h (ECONNREFUSED); retrying',
      'still cannot reach B at V=mqtt://h after 1 s (ECONNREFUSED); retrying',
      'still cannot reach B at V=mqtt://h after 2 s (ECONNREFUSED); retrying',
      'still cannot reach B at V=mqtt://h after 3 s (ECONNREFUSED); retrying',
    ]);
    o.recovered('p0');
    expect(lines).toHaveLength(4);
    o.recovered('p1');
    expect(lines[4].msg).toBe('connected to B at V=mqtt://h again after 4 s');
    o.recovered('p1');
    expect(lines).toHaveLength(5);
  });

  it("maps Nest's start-up chatter to debug and keeps the context", () => {
    const { logger, lines } = capture('info');
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/x, GET} route', 'RouterExplorer');
    nest.warn('careful', 'ingest-http');
    nest.error('boom', 'Error: boom\n    at f (x.js:1:1)', 'http');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, msg: 'careful', context: 'ingest-http' }),
      expect.objectContaining({ level: 50, msg: 'boom', context: 'http' }),
    ]);
  });

  it('formats a JSON line as one text line for development', () => {
    const line = prettyLine(
      JSON.stringify({ level: 40, time: 0, app: 'api', msg: 'hi', port: 3, who: 'a b' }),
    );
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}api: hi port=3 who="a b"\n$/);
  });
});
