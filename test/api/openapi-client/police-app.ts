/**
 * A police dashboard written against the types generated from /v1/openapi.json: login, the
 * violation list with its filters, and a case transition (type-checked by the e2e test).
 */
import type { paths } from '@parking/api-types';

type LoginOp = paths['/v1/auth/login']['post'];
export type LoginBody = LoginOp['requestBody']['content']['application/json'];
export type LoginAnswer = LoginOp['responses'][200]['content']['application/json'];
type ListOp = paths['/v1/police/violations']['get'];
export type ViolationQuery = NonNullable<ListOp['parameters']['query']>;
export type ViolationList = ListOp['responses'][200]['content']['application/json'];
type TransitionOp = paths['/v1/police/violations/{id}/transitions']['post'];
export type TransitionBody = TransitionOp['requestBody']['content']['application/json'];
export type Violation = TransitionOp['responses'][200]['content']['application/json'];
export type ApiError = TransitionOp['responses'][409]['content']['application/json'];

export class PoliceClient {
  private token: string | null = null;

  constructor(private readonly base: string) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) {
      const e = (await res.json()) as ApiError;
      throw Object.assign(new Error(`${res.status} ${e.error}: ${e.message}`), {
        status: res.status,
        code: e.error,
      });
    }
    return (await res.json()) as T;
  }

  async login(body: LoginBody): Promise<LoginAnswer['user']> {
    const r = await this.call<LoginAnswer>('POST', '/v1/auth/login', body);
    this.token = r.accessToken;
    return r.user;
  }

  /** Open cases of a zone, oldest status first: what an officer works through. */
  async openCases(zone: string): Promise<Violation[]> {
    const q: ViolationQuery = { zone, status: 'reported', limit: 100, offset: 0 };
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
    const list = await this.call<ViolationList>('GET', `/v1/police/violations?${p}`);
    return list.items.filter((v) => !v.exempted);
  }

  async review(id: string, comment: string): Promise<Violation['status']> {
    const body: TransitionBody = { to: 'reviewed', comment };
    const v = await this.call<Violation>(
      'POST',
      `/v1/police/violations/${encodeURIComponent(id)}/transitions`,
      body,
    );
    return v.status;
  }
}

// @ts-expect-error `closed_by_officer` is not a case status
export const wrongTransition: TransitionBody = { to: 'closed_by_officer' };
// @ts-expect-error the login body has no `email`
export const wrongLogin: LoginBody = { email: 'li@example.org', password: 'x' };
