import { DataSource } from 'typeorm';
import { ParkingSession, SessionRepository } from '@app/enforcement';
import { updatedRows } from './update-result';

interface SessionRow {
  id: string;
  space_id: string;
  started_at: Date;
  ended_at: Date | null;
  start_inferred: boolean;
  end_inferred: boolean;
}

const COLUMNS = 'id, space_id, started_at, ended_at, start_inferred, end_inferred';

function toDomain(r: SessionRow): ParkingSession {
  return {
    id: String(r.id),
    spaceId: r.space_id,
    startedAt: r.started_at.getTime(),
    endedAt: r.ended_at ? r.ended_at.getTime() : null,
    startInferred: r.start_inferred,
    endInferred: r.end_inferred,
  };
}

/** Adapter: parking_sessions (migration 1850000000001). */
export class PgSessionRepository extends SessionRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async findOpen(): Promise<ParkingSession[]> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM parking_sessions WHERE ended_at IS NULL`,
    );
    return rows.map(toDomain);
  }

  async open(spaceId: string, at: number, inferred: boolean): Promise<ParkingSession> {
    const rows: SessionRow[] = await this.ds.query(
      `INSERT INTO parking_sessions (space_id, started_at, start_inferred) VALUES ($1, $2, $3)
       ON CONFLICT (space_id) WHERE ended_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
      [spaceId, new Date(at), inferred],
    );
    if (rows[0]) return toDomain(rows[0]);
    const open: SessionRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM parking_sessions WHERE space_id = $1 AND ended_at IS NULL`,
      [spaceId],
    );
    return toDomain(open[0]);
  }

  async close(spaceId: string, at: number, inferred: boolean): Promise<ParkingSession | null> {
    const rows = updatedRows<SessionRow>(
      await this.ds.query(
        `UPDATE parking_sessions SET ended_at = GREATEST($2::timestamptz, started_at), end_inferred = $3
       WHERE space_id = $1 AND ended_at IS NULL RETURNING ${COLUMNS}`,
        [spaceId, new Date(at), inferred],
      ),
    );
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async markInferredFromHistory(since: number): Promise<number> {
    const revealed = (col: string) => `
      EXISTS (SELECT 1 FROM occupancy_events e WHERE e.space_id = ps.space_id AND e.ts = ps.${col}
              AND NOT e.late AND e.type <> 'status')
      AND NOT EXISTS (SELECT 1 FROM occupancy_events e WHERE e.space_id = ps.space_id
              AND e.ts = ps.${col} AND NOT e.late AND e.type = 'status')`;
    const a = updatedRows<{ id: string }>(
      await this.ds.query(
        `UPDATE parking_sessions ps SET start_inferred = true
         WHERE ps.started_at >= $1 AND NOT ps.start_inferred AND ${revealed('started_at')}
         RETURNING id`,
        [new Date(since)],
      ),
    );
    const b = updatedRows<{ id: string }>(
      await this.ds.query(
        `UPDATE parking_sessions ps SET end_inferred = true
         WHERE ps.ended_at >= $1 AND NOT ps.end_inferred AND ${revealed('ended_at')}
         RETURNING id`,
        [new Date(since)],
      ),
    );
    return a.length + b.length;
  }
}
