import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { DomainError, Principal } from '@app/domain';

const principals = new WeakMap<object, Principal>();

export function attachPrincipal(req: object, p: Principal): void {
  principals.set(req, p);
}

export function principalOf(req: object): Principal | undefined {
  return principals.get(req);
}

/** The authenticated staff caller (set by the AccessGuard on staff routes). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext) => {
  const p = principalOf(ctx.switchToHttp().getRequest<object>());
  if (!p) throw new DomainError('unauthorized', 'no authenticated caller');
  return p;
});
