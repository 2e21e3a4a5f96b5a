import { reactive } from 'vue';
import type { components, paths } from './api-schema';
import { openStream, SseEvent } from './sse';

type Schemas = components['schemas'];

// Every answer's type comes from the API's OpenAPI document (docs/openapi.json ->
// api-schema.d.ts, `npm run openapi`): the page cannot drift from what the API sends.
export type User = Schemas['LoginAnswer']['user'];
export type Role = User['role'];
export type Lot = Schemas['DashboardLots']['items'][number];
export type LotDetail = Schemas['Lot'];
export type LotStatus = Lot['status'];
export type LotEvent = Schemas['LotEvent'];
export type SpaceEvent = Schemas['SpaceEvent'];
export type Violation = Schemas['Violation'];
export type CaseStatus = Violation['status'];
export type CaseStep = Schemas['CaseStep'];
export type OccupancyBucket = Schemas['OccupancySeries']['buckets'][number];
export type BaselineBucket = NonNullable<Schemas['OccupancySeries']['baseline']>['buckets'][number];
export type ZoneSummary = Schemas['ZoneSummary'];
export type ZoneOverview = Schemas['ZoneOverview'];
export type SensorItem = Schemas['SensorHealth']['items'][number];
export type SignNow = Schemas['Sign'];

type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Op<P extends keyof paths, M extends 'get' | 'post'> = NonNullable<paths[P][M]>;
/** Paths with a JSON answer for GET (or POST). */
type PathsWith<M extends 'get' | 'post'> = {
  [P in keyof paths]: paths[P][M] extends {
    responses: { 200: { content: { 'application/json': unknown } } };
  }
    ? P
    : never;
}[keyof paths];
type Ok<P extends keyof paths, M extends 'get' | 'post'> =
  Op<P, M> extends { responses: { 200: infer R } } ? JsonOf<R> : never;
type Params<P extends keyof paths, M extends 'get' | 'post'> =
  Op<P, M> extends { parameters: { path: infer A } } ? A : never;
export type Query<P extends keyof paths, M extends 'get' | 'post'> =
  Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Body<P extends keyof paths> =
  Op<P, 'post'> extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
export type Answer<P extends PathsWith<'get'>> = Ok<P, 'get'>;

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

/** `/v1/lots/{lotId}` with `{ lotId: 'x' }` -> `/v1/lots/x`. */
function fill(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} of ${template}`);
    return encodeURIComponent(v);
  });
}

/** A GET of a documented path: parameters and answer typed from the OpenAPI document. */
export async function get<P extends PathsWith<'get'>>(
  path: P,
  opts: { params?: Params<P, 'get'>; query?: Query<P, 'get'> } = {},
): Promise<Ok<P, 'get'>> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries((opts.query ?? {}) as Record<string, unknown>)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  const url = `${BASE}${fill(path, opts.params as Record<string, string>)}${qs ? `?${qs}` : ''}`;
  return answer(await fetch(url, { headers: headers() }));
}

export async function post<P extends PathsWith<'post'>>(
  path: P,
  body: Body<P>,
  params?: Params<P, 'post'>,
): Promise<Ok<P, 'post'>> {
  return answer(
    await fetch(`${BASE}${fill(path, params as Record<string, string>)}`, {
      method: 'POST',
      headers: headers(true),
      body: JSON.stringify(body),
    }),
  );
}

export async function login(username: string, password: string): Promise<void> {
  const r = await post('/v1/auth/login', { username, password });
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
