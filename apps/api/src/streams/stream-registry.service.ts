import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { SseSession } from './sse-session';

/** Tracks open streams so shutdown can end them (an open SSE response would hold the server). */
@Injectable()
export class StreamRegistry implements OnModuleDestroy {
  private readonly sessions = new Set<SseSession>();
  overflows = 0;

  get open(): number {
    return this.sessions.size;
  }

  add(s: SseSession): void {
    this.sessions.add(s);
    s.onClose(() => {
      this.sessions.delete(s);
      if (s.overflowed) this.overflows++;
    });
  }

  onModuleDestroy(): void {
    for (const s of [...this.sessions]) s.end('shutdown', { message: 'server shutting down' });
  }
}
