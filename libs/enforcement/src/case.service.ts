import {
  CaseStatus,
  CaseStepView,
  DomainError,
  NotFoundError,
  Principal,
  ViolationView,
  transitionCase,
  zoneScope,
} from '@app/domain';
import { ViolationFilter, ViolationRepository } from './ports/violation-repository.port';

export const MAX_COMMENT = 2000;

/** The case loop as officers and operators drive it; every read is scoped to the caller's zones. */
export class CaseService {
  constructor(private readonly violations: ViolationRepository) {}

  list(p: Principal, f: Omit<ViolationFilter, 'zones'> & { zone?: string }) {
    const zones = zoneScope(p, f.zone);
    return this.violations.list({ ...f, zones });
  }

  async get(p: Principal, id: string): Promise<ViolationView> {
    const v = await this.violations.get(id, p.zones);
    if (!v) throw new NotFoundError('violation', id);
    return v;
  }

  async trail(p: Principal, id: string): Promise<CaseStepView[]> {
    await this.get(p, id);
    return this.violations.steps(id);
  }

  async transition(p: Principal, id: string, to: CaseStatus, comment: string) {
    if (comment.length > MAX_COMMENT) {
      throw new DomainError('bad_request', `comment: at most ${MAX_COMMENT} characters`);
    }
    const v = await this.get(p, id);
    transitionCase(v.status, to);
    const moved = await this.violations.transition(
      id,
      v.status,
      to,
      { name: p.username, id: p.userId },
      comment,
    );
    if (!moved) throw new DomainError('conflict', 'the case was changed meanwhile; reload it');
    return this.get(p, id);
  }
}
