import type { NewUser, UserRecord } from '../user';

/** Port: where staff accounts live. */
export abstract class UserRepository {
  abstract findByUsername(username: string): Promise<UserRecord | null>;
  /** Throws a `conflict` DomainError when the username is taken. */
  abstract create(user: NewUser): Promise<UserRecord>;
  abstract list(): Promise<UserRecord[]>;
}
