import { DataSource } from 'typeorm';
import { DomainError, isRole } from '@app/domain';
import { NewUser, UserRecord, UserRepository } from '@app/auth';

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  zones: string[];
  disabled: boolean;
}

function toDomain(r: UserRow): UserRecord {
  if (!isRole(r.role)) throw new Error(`user ${r.username} has an unknown role ${r.role}`);
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role,
    zones: r.zones,
    disabled: r.disabled,
  };
}

/** Adapter: the `users` table (migration 1850000000000). */
export class PgUserRepository extends UserRepository {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    const rows: UserRow[] = await this.ds.query(
      'SELECT id, username, password_hash, role, zones, disabled FROM users WHERE username = $1',
      [username],
    );
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async list(): Promise<UserRecord[]> {
    const rows: UserRow[] = await this.ds.query(
      'SELECT id, username, password_hash, role, zones, disabled FROM users ORDER BY username',
    );
    return rows.map(toDomain);
  }

  async create(u: NewUser): Promise<UserRecord> {
    const rows: UserRow[] = await this.ds.query(
      `INSERT INTO users (username, password_hash, role, zones) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING
       RETURNING id, username, password_hash, role, zones, disabled`,
      [u.username, u.passwordHash, u.role, u.zones],
    );
    if (!rows[0]) throw new DomainError('conflict', `user ${u.username} already exists`);
    return toDomain(rows[0]);
  }
}
