import { FrameBatcher } from './frame-batcher';
import { backoffMs, openStream, SseEvent, SseParser } from './sse';

describe('SseParser', () => {
  it('parses events split anywhere across chunks, skipping comments', () => {
    const text =
      ': ping\n\nid: a\nevent: ready\ndata: {"asOf":1}\n\r\nevent: violation\r\ndata: {"id":"v1",\ndata: "x":2}\r\n\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new SseParser();
      const got = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut))];
      expect(got).toEqual([
        { event: 'ready', data: '{"asOf":1}', id: 'a' },
        { event: 'violation', data: '{"id":"v1",\n"x":2}', id: 'a' },
      ]);
    }
  });

  it('defaults the event name to message and waits for the blank line', () => {
    const p = new SseParser();
    expect(p.push('data: one\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'message', data: 'one' }]);
  });
});

describe('backoffMs', () => {
  it('doubles from 0.5 s up to 30 s, with jitter of +-25 %', () => {
    expect(backoffMs(0, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(4000);
    expect(backoffMs(20, () => 0.5)).toBe(30_000);
    expect(backoffMs(1, () => 0)).toBe(750);
    expect(backoffMs(1, () => 1)).toBe(1250);
  });
});

describe('openStream', () => {
  const body = (text: string) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(text));
        c.close();
      },
    });

  it('sends the bearer header, delivers events and reconnects after the stream ends', async () => {
    const calls: Array<Record<string, string>> = [];
    const events: SseEvent[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      calls.push(init.headers as Record<string, string>);
      return new Response(body(`event: ready\ndata: ${calls.length}\n\n`), { status: 200 });
    }) as unknown as typeof fetch;
    const close = openStream({
      url: 'http://x/s',
      headers: { authorization: 'Bearer T' },
      onEvent: (e) => events.push(e),
      fetchImpl,
    });
    const until = Date.now() + 5000;
    while (events.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    close();
    expect(events.slice(0, 2).map((e) => e.data)).toEqual(['1', '2']);
    expect(calls[0]).toMatchObject({ authorization: 'Bearer T', accept: 'text/event-stream' });
  });

  it('stops on 401 and reports it', async () => {
    let n = 0;
    const refused: number[] = [];
    const fetchImpl = (async () => {
      n++;
      return new Response('{}', { status: 401 });
    }) as unknown as typeof fetch;
    openStream({
      url: 'u',
      onEvent: () => undefined,
      onRefused: (s) => refused.push(s),
      fetchImpl,
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(refused).toEqual([401]);
    expect(n).toBe(1);
  });
});

describe('FrameBatcher', () => {
  it('applies the latest value per key once per frame', () => {
    const frames: Array<() => void> = [];
    const applied: Array<Map<string, number>> = [];
    const b = new FrameBatcher<string, number>(
      (m) => applied.push(m),
      (cb) => frames.push(cb),
    );
    for (let i = 0; i < 1000; i++) b.put(`lot-${i % 10}`, i);
    expect(frames).toHaveLength(1);
    frames[0]();
    expect(applied).toHaveLength(1);
    expect(applied[0].size).toBe(10);
    expect(applied[0].get('lot-3')).toBe(993);
    b.put('lot-1', 1);
    expect(frames).toHaveLength(2);
  });
});
