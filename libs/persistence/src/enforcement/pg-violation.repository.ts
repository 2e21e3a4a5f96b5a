import { DataSource } from 'typeorm';
import type { Breach, CaseStatus, CaseStepView, ViolationView } from '@app/domain';
import {
  Actor,
  ParkingSession,
  SpacePlace,
  ViolationFilter,
  ViolationRepository,
} from '@app/enforcement';
import { updatedRows } from './update-result';
import { CaseStepRow, ViolationRow, stepToView, violationToView } from './violation.mapper';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SELECT_VIOLATION = `
  SELECT v.id, v.session_id, v.space_id, v.lot_id, v.zone_id, v.kind, v.rule_id, v.since,
         v.overstay_s, v.exemption_id, v.explanation, v.status, v.detected_at,
         (s.ended_at IS NULL) AS session_open, s.started_at AS session_started_at,
         s.ended_at AS session_ended_at
  FROM violations v JOIN parking_sessions s ON s.id = v.session_id`;

/** Adapter: violations and case_steps (migration 1850000000001). */
export class PgViolationRepository extends ViolationRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async placeOf(spaceId: string): Promise<SpacePlace | null> {
    const rows: Array<{ lot_id: string; zone_id: string }> = await this.ds.query(
      'SELECT s.lot_id, l.zone_id FROM spaces s JOIN lots l ON l.id = s.lot_id WHERE s.id = $1',
      [spaceId],
    );
    return rows[0] ? { spaceId, lotId: rows[0].lot_id, zoneId: rows[0].zone_id } : null;
  }

  /** While the session runs the overstay only grows; at its end the measured value is final. */
  async record(session: ParkingSession, place: SpacePlace, breaches: Breach[]): Promise<void> {
    if (breaches.length === 0) return;
    await this.ds.transaction(async (m) => {
      for (const b of breaches) {
        const rows: Array<{ id: string; inserted: boolean }> = await m.query(
          `INSERT INTO violations (session_id, space_id, lot_id, zone_id, kind, rule_id, since,
                                   overstay_s, exemption_id, explanation)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (session_id, rule_id, kind) DO UPDATE SET
             since = EXCLUDED.since,
             overstay_s = CASE WHEN $11 THEN EXCLUDED.overstay_s
                               ELSE GREATEST(violations.overstay_s, EXCLUDED.overstay_s) END,
             exemption_id = EXCLUDED.exemption_id, explanation = EXCLUDED.explanation,
             updated_at = now()
           RETURNING id, (xmax = 0) AS inserted`,
          [
            session.id,
            place.spaceId,
            place.lotId,
            place.zoneId,
            b.kind,
            b.ruleId,
            new Date(b.since),
            Math.max(0, Math.round(b.overstayS)),
            b.exemptionId,
            b.explanation,
            session.endedAt !== null,
          ],
        );
        if (rows[0]?.inserted) {
          const note = b.exemptionId ? `detected; exempted by ${b.exemptionId}` : 'detected';
          await m.query(
            `INSERT INTO case_steps (violation_id, from_status, to_status, actor, comment)
             VALUES ($1, NULL, 'reported', 'system', $2)`,
            [rows[0].id, note],
          );
        }
      }
    });
  }

  async list(f: ViolationFilter): Promise<{ items: ViolationView[]; total: number }> {
    if (f.zones !== null && f.zones.length === 0) return { items: [], total: 0 };
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.zones !== null) add('v.zone_id = ANY(?)', f.zones);
    if (f.status) add('v.status = ?', f.status);
    if (f.kind) add('v.kind = ?', f.kind);
    if (f.exempted !== undefined) where.push(`v.exemption_id IS ${f.exempted ? 'NOT ' : ''}NULL`);
    if (f.from !== undefined) add('v.since >= ?', new Date(f.from));
    if (f.to !== undefined) add('v.since < ?', new Date(f.to));
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total: Array<{ n: number }> = await this.ds.query(
      `SELECT count(*)::int AS n FROM violations v ${cond}`,
      params,
    );
    const rows: ViolationRow[] = await this.ds.query(
      `${SELECT_VIOLATION} ${cond} ORDER BY v.since DESC, v.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(violationToView), total: total[0].n };
  }

  async get(id: string, zones: readonly string[] | null): Promise<ViolationView | null> {
    if (!UUID.test(id)) return null;
    const rows: ViolationRow[] = await this.ds.query(
      `${SELECT_VIOLATION} WHERE v.id = $1 AND ($2::text[] IS NULL OR v.zone_id = ANY($2))`,
      [id, zones],
    );
    return rows[0] ? violationToView(rows[0]) : null;
  }

  async transition(
    id: string,
    from: CaseStatus,
    to: CaseStatus,
    actor: Actor,
    comment: string,
  ): Promise<boolean> {
    return this.ds.transaction(async (m) => {
      const moved = updatedRows<{ id: string }>(
        await m.query(
          `UPDATE violations SET status = $3, updated_at = now()
         WHERE id = $1 AND status = $2 RETURNING id`,
          [id, from, to],
        ),
      );
      if (moved.length === 0) return false;
      await m.query(
        `INSERT INTO case_steps (violation_id, from_status, to_status, actor, actor_id, comment)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, from, to, actor.name, actor.id, comment],
      );
      return true;
    });
  }

  async steps(id: string): Promise<CaseStepView[]> {
    const rows: CaseStepRow[] = await this.ds.query(
      `SELECT from_status, to_status, actor, at, comment FROM case_steps
       WHERE violation_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map(stepToView);
  }
}
