import type { Role } from '@app/domain';

/** A staff account as stored; `zones` empty for admins and operators (they see every zone). */
export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: Role;
  zones: string[];
  disabled: boolean;
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  zones: string[];
}
