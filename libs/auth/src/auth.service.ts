import { DomainError, Principal, Role, isRole } from '@app/domain';
import { DEFAULT_SCRYPT, ScryptParams, hashSecret, verifySecret } from '@app/security';
import { IssuedToken, JwtTokens } from './jwt-tokens';
import type { UserRecord } from './user';
import { UserRepository } from './ports/user-repository.port';

const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
const ZONE = /^[A-Za-z0-9._:-]{1,64}$/;
export const MIN_PASSWORD_LENGTH = 12;

export interface CreateUserInput {
  username: string;
  password: string;
  role: string;
  zones?: string[];
}

/** Staff logins and accounts. */
export class AuthService {
  /** Verified against when the username is unknown, so both paths cost the same. */
  private readonly decoyHash: string;

  constructor(
    private readonly users: UserRepository,
    private readonly tokens: JwtTokens,
    private readonly scrypt: ScryptParams = DEFAULT_SCRYPT,
  ) {
    this.decoyHash = hashSecret('decoy-password', scrypt);
  }

  async login(username: string, password: string): Promise<IssuedToken & { principal: Principal }> {
    this.tokens.assertEnabled();
    const user = USERNAME.test(username) ? await this.users.findByUsername(username) : null;
    const ok = verifySecret(password, user?.passwordHash ?? this.decoyHash);
    if (!user || !ok || user.disabled) {
      throw new DomainError('unauthorized', 'invalid username or password');
    }
    const principal = toPrincipal(user);
    return { ...this.tokens.issue(principal), principal };
  }

  async listUsers(): Promise<Array<Omit<UserRecord, 'passwordHash'>>> {
    return (await this.users.list()).map(({ passwordHash: _hash, ...u }) => u);
  }

  async createUser(input: CreateUserInput): Promise<UserRecord> {
    if (!USERNAME.test(input.username)) {
      throw new DomainError('bad_request', 'username: 1..64 chars of [A-Za-z0-9._-]');
    }
    if (!isRole(input.role)) {
      throw new DomainError('bad_request', 'role: must be admin, operator or police');
    }
    if (input.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('bad_request', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
    }
    const zones = [...new Set(input.zones ?? [])];
    if (zones.some((z) => !ZONE.test(z)))
      throw new DomainError('bad_request', 'zones: bad zone id');
    if (input.role === 'police' && zones.length === 0) {
      throw new DomainError('bad_request', 'zones: a police officer needs at least one zone');
    }
    const role: Role = input.role;
    return this.users.create({
      username: input.username,
      passwordHash: hashSecret(input.password, this.scrypt),
      role,
      zones: role === 'police' ? zones : [],
    });
  }
}

export function toPrincipal(u: UserRecord): Principal {
  return {
    userId: u.id,
    username: u.username,
    role: u.role,
    zones: u.role === 'police' ? u.zones : null,
  };
}
