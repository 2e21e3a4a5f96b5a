/** Bounds concurrent publishes; `acquire` waits for a free slot. */
export class InFlight {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max in-flight must be >= 1');
  }

  get count(): number {
    return this.active;
  }

  async acquire(): Promise<void> {
    while (this.active >= this.max) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
  }

  release(): void {
    this.active--;
    this.waiters.shift()?.();
    if (this.active === 0) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const r of idle) r();
    }
  }

  async idle(): Promise<void> {
    if (this.active > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
  }
}
