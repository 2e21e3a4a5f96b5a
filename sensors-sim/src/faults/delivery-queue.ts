import type { Delivery } from '../stream/delivery';

/** Min-heap of deliveries by (atMs, insertion order): equal times keep the order they were queued in. */
export class DeliveryQueue {
  private items: { d: Delivery; order: number }[] = [];
  private counter = 0;

  get length(): number {
    return this.items.length;
  }

  peekAt(): number {
    return this.items.length > 0 ? this.items[0].d.atMs : Infinity;
  }

  push(d: Delivery): void {
    const a = this.items;
    const item = { d, order: this.counter++ };
    let i = a.length;
    a.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(item, a[p])) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = item;
  }

  pop(): Delivery | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && before(a[l + 1], a[l]) ? l + 1 : l;
        if (!before(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top.d;
  }
}

function before(x: { d: Delivery; order: number }, y: { d: Delivery; order: number }): boolean {
  return x.d.atMs < y.d.atMs || (x.d.atMs === y.d.atMs && x.order < y.order);
}
