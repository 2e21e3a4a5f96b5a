import { createServer } from 'node:net';

/** Whether 127.0.0.1:port can be bound now. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen({ port, host, exclusive: true }, () => s.close(() => resolve(true)));
  });
}

/** `preferred` if it is free, else the next free port above it (at most 100 tried). */
export async function firstFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  for (let p = preferred; p < preferred + 100 && p <= 65535; p++) {
    if (await portFree(p, host)) return p;
  }
  throw new Error(`no free port in ${preferred}..${preferred + 99} on ${host}`);
}
