import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/**
 * One metadata key of the routes (handler first, then its controller), read once per route:
 * decorators never change after boot, and the guards ask on every request.
 */
export class RouteMetadata<T> {
  private readonly seen = new WeakMap<object, WeakMap<object, { value: T | undefined }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly key: string,
  ) {}

  of(ctx: ExecutionContext): T | undefined {
    const handler = ctx.getHandler();
    const cls = ctx.getClass();
    let byClass = this.seen.get(handler);
    if (!byClass) this.seen.set(handler, (byClass = new WeakMap()));
    let hit = byClass.get(cls);
    if (!hit) {
      hit = { value: this.reflector.getAllAndOverride<T | undefined>(this.key, [handler, cls]) };
      byClass.set(cls, hit);
    }
    return hit.value;
  }
}
