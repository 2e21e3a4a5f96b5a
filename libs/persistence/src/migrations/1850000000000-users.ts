import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts for the police and operator API (docs/enforcement.md). */
export class Users1850000000000 implements MigrationInterface {
  name = 'Users1850000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9._-]{1,64}$'),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'operator', 'police')),
        zones text[] NOT NULL DEFAULT '{}',
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE users');
  }
}
