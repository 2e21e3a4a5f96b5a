/** Who may work with the police and operator API. */
export const ROLES = ['admin', 'operator', 'police'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/**
 * An authenticated caller. `zones` is the set of grids an officer is responsible for;
 * `null` means every zone (admins and operators).
 */
export interface Principal {
  userId: string;
  username: string;
  role: Role;
  zones: readonly string[] | null;
}

export function canSeeZone(p: Principal, zoneId: string): boolean {
  return p.zones === null || p.zones.includes(zoneId);
}

/** The zones a query must be limited to: null = no limit. */
export function zoneScope(p: Principal, requested?: string): readonly string[] | null {
  if (requested !== undefined) return canSeeZone(p, requested) ? [requested] : [];
  return p.zones;
}
