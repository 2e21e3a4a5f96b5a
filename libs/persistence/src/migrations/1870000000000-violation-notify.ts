import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed insert or status change of a violation is announced on
 * `NOTIFY violation_changed` with `{id, zoneId, status}`, whoever wrote it (the enforcer detects,
 * the API moves cases), so API instances can stream violations live.
 */
export class ViolationNotify1870000000000 implements MigrationInterface {
  name = 'ViolationNotify1870000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_violation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('violation_changed',
          json_build_object('id', NEW.id, 'zoneId', NEW.zone_id, 'status', NEW.status)::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER violations_notify AFTER INSERT OR UPDATE ON violations
        FOR EACH ROW EXECUTE FUNCTION notify_violation_changed();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER violations_notify ON violations;
      DROP FUNCTION notify_violation_changed();
    `);
  }
}
