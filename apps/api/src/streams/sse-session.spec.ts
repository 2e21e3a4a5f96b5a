import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { SseSession } from './sse-session';

/** A response whose socket accepts writes only while `open` is true. */
class FakeResponse extends EventEmitter {
  open = true;
  written: string[] = [];
  ended: string | null = null;
  head: Record<string, unknown> = {};
  writeHead(_status: number, headers: Record<string, unknown>) {
    this.head = headers;
    return this;
  }
  write(chunk: string) {
    this.written.push(chunk);
    return this.open;
  }
  end(chunk: string) {
    this.ended = chunk;
    this.emit('close');
  }
}

function session(maxPending: number) {
  const res = new FakeResponse();
  const s = new SseSession(res as unknown as ServerResponse, maxPending, 60_000);
  return { res, s };
}

describe('SseSession (bounded per-client buffer)', () => {
  it('coalesces to the latest event per key while the client is slow, then flushes on drain', () => {
    const { res, s } = session(10);
    res.open = false;
    s.send('L1', 'lot', { free: 1 }); // accepted by the socket, which is now full
    s.send('L1', 'lot', { free: 2 });
    s.send('L2', 'lot', { free: 7 });
    s.send('L1', 'lot', { free: 3 });
    expect(res.written).toHaveLength(2);
    res.open = true;
    res.emit('drain');
    expect(res.written.slice(2)).toEqual([
      'event: lot\ndata: {"free":7}\n\n',
      'event: lot\ndata: {"free":3}\n\n',
    ]);
    s.end('bye', {});
  });

  it('disconnects a client whose pending keys exceed the bound, with a final event', () => {
    const { res, s } = session(3);
    let closed = false;
    s.onClose(() => (closed = true));
    res.open = false;
    for (let i = 0; i < 5; i++) s.send(`S${i}`, 'space', { i });
    expect(s.overflowed).toBe(true);
    expect(closed).toBe(true);
    expect(res.ended).toContain('event: overflow');
    s.send('S9', 'space', {});
    expect(res.written).toHaveLength(2);
  });

  it('keeps the headers set before the reply was hijacked (CORS) and drops unset ones', () => {
    const res = new FakeResponse();
    const s = new SseSession(res as unknown as ServerResponse, 10, 60_000, {
      'access-control-allow-origin': 'https://ops.example.cn',
      vary: 'Origin',
      'x-unset': undefined,
    });
    expect(res.head).toMatchObject({
      'access-control-allow-origin': 'https://ops.example.cn',
      vary: 'Origin',
      'content-type': 'text/event-stream; charset=utf-8',
    });
    expect('x-unset' in res.head).toBe(false);
    s.end('bye', {});
  });
});
