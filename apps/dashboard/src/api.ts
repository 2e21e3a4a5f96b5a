import { reactive } from 'vue';
import { openStream, SseEvent } from './sse';

export type Role = 'admin' | 'operator' | 'police';
export type LotStatus = 'open' | 'almost_full' | 'full' | 'closed' | 'unknown';
export type CaseStatus = 'reported' | 'reviewed' | 'filed' | 'dispatched' | 'closed' | 'dismissed';

export interface User {
  username: string;
  role: Role;
  zones: string[] | null;
}

export interface Lot {
  lotId: string;
  zoneId: string;
  name: string;
  lat: number;
  lon: number;
  category: string;
  capacity: number;
  free: number;
  occupied: number;
  unknown: number;
  reserved: number;
  status: LotStatus;
  pricePerHour?: number | null;
  currency?: string;
  explanation?: string[];
}

export type LotEvent = Pick<
  Lot,
  'lotId' | 'zoneId' | 'capacity' | 'free' | 'occupied' | 'unknown' | 'reserved' | 'status'
>;

export interface Violation {
  id: string;
  spaceId: string;
  lotId: string;
  zoneId: string;
  kind: string;
  ruleId: string;
  status: CaseStatus;
  exempted: boolean;
  exemptionId: string | null;
  detectedAt: string;
  since: string;
  overstayS: number;
  sessionOpen: boolean;
  sessionStartedAt: string;
  sessionEndedAt: string | null;
  explanation: string;
}

export interface CaseStep {
  from: CaseStatus | null;
  to: CaseStatus;
  by: string;
  at: string;
  comment: string;
}

export interface OccupancyBucket {
  hour: string;
  occupiedAvg: number;
  occupancyRatio: number | null;
  arrivals: number;
}

/** The case loop: which moves each status allows (docs/enforcement.md, "Case loop"). */
export const NEXT_STEPS: Record<CaseStatus, CaseStatus[]> = {
  reported: ['reviewed', 'dismissed'],
  reviewed: ['filed', 'dismissed'],
  filed: ['dispatched'],
  dispatched: ['closed'],
  closed: [],
  dismissed: [],
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const BASE = (import.meta.env.VITE_API_BASE ?? '').replace(/\/$/, '');

/**
 * The session: the bearer token lives in this object only (memory), never in a URL, cookie or
 * storage, so a reload logs out. A 401 from any call ends the session.
 */
export const session = reactive({
  token: null as string | null,
  user: null as User | null,
  expiresAt: null as string | null,
  expired: false,
});

function headers(json = false): Record<string, string> {
  const h: Record<string, string> = {};
  if (session.token) h.authorization = `Bearer ${session.token}`;
  if (json) h['content-type'] = 'application/json';
  return h;
}

async function answer<T>(res: Response): Promise<T> {
  const body: unknown = await res.json().catch(() => ({}));
  if (!res.ok) {
    const b = body as { error?: string; message?: string };
    if (res.status === 401 && session.token) logout(true);
    throw new ApiError(res.status, b.error ?? 'error', b.message ?? res.statusText);
  }
  return body as T;
}

export async function get<T>(path: string, query: Record<string, unknown> = {}): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  return answer<T>(await fetch(`${BASE}${path}${qs ? `?${qs}` : ''}`, { headers: headers() }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: headers(true),
      body: JSON.stringify(body),
    }),
  );
}

export async function login(username: string, password: string): Promise<void> {
  const r = await post<{ accessToken: string; expiresAt: string; user: User }>('/v1/auth/login', {
    username,
    password,
  });
  session.token = r.accessToken;
  session.user = r.user;
  session.expiresAt = r.expiresAt;
  session.expired = false;
}

export function logout(expired = false): void {
  session.token = null;
  session.user = null;
  session.expiresAt = null;
  session.expired = expired;
}

/** A live stream of the API (Server-Sent Events over fetch, with the token when logged in). */
export function stream(
  path: string,
  query: Record<string, string | undefined>,
  onEvent: (e: SseEvent) => void,
  onState?: (connected: boolean) => void,
): () => void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const qs = q.toString();
  return openStream({
    url: `${BASE}${path}${qs ? `?${qs}` : ''}`,
    headers: headers(),
    onEvent,
    onState,
    onRefused: (status) => {
      if (status === 401 && session.token) logout(true);
    },
  });
}

/** Local midnight today, as RFC 3339 (the occupancy endpoints' `from`). */
export function startOfToday(now = new Date()): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

export function canSeeZone(zoneId: string): boolean {
  const zones = session.user?.zones;
  return zones === null || zones === undefined || zones.includes(zoneId);
}
