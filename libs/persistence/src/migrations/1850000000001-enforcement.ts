import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parking sessions, the violations measured on them and the case-loop audit trail.
 * Violations carry the space's lot and zone as of detection (officers are scoped by zone).
 */
export class Enforcement1850000000001 implements MigrationInterface {
  name = 'Enforcement1850000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE parking_sessions (
        id bigserial PRIMARY KEY,
        space_id text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        start_inferred boolean NOT NULL DEFAULT false,
        end_inferred boolean NOT NULL DEFAULT false,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX parking_sessions_one_open ON parking_sessions (space_id)
        WHERE ended_at IS NULL;
      CREATE INDEX parking_sessions_space_start ON parking_sessions (space_id, started_at);
      CREATE INDEX parking_sessions_start ON parking_sessions (started_at);

      CREATE TABLE violations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id bigint NOT NULL REFERENCES parking_sessions (id),
        space_id text NOT NULL,
        lot_id text NOT NULL,
        zone_id text NOT NULL,
        kind text NOT NULL,
        rule_id text NOT NULL,
        since timestamptz NOT NULL,
        overstay_s integer NOT NULL CHECK (overstay_s >= 0),
        exemption_id text,
        explanation text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'reported' CHECK (
          status IN ('reported', 'reviewed', 'filed', 'dispatched', 'closed', 'dismissed')
        ),
        detected_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (session_id, rule_id, kind)
      );
      CREATE INDEX violations_zone_since ON violations (zone_id, since DESC);
      CREATE INDEX violations_status ON violations (status, since DESC);

      CREATE TABLE case_steps (
        id bigserial PRIMARY KEY,
        violation_id uuid NOT NULL REFERENCES violations (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor text NOT NULL,
        actor_id text,
        at timestamptz NOT NULL DEFAULT now(),
        comment text NOT NULL DEFAULT ''
      );
      CREATE INDEX case_steps_violation ON case_steps (violation_id, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_steps; DROP TABLE violations; DROP TABLE parking_sessions;');
  }
}
