import { BadParameterError } from '@app/domain';
import { ENTITY_TYPES, EntityType } from './ngsi-ld-entities';

export const NGSI_LIMIT_DEFAULT = 20;
export const NGSI_LIMIT_MAX = 1000;
export const NGSI_MAX_DISTANCE_M = 50_000;

/** Attributes `q` may test (numbers compare, text is equal / not equal, arrays match any item). */
export const Q_ATTRIBUTES = [
  'status',
  'occupancy',
  'availableSpotNumber',
  'occupiedSpotNumber',
  'totalSpotNumber',
] as const;

export type QOp = '==' | '!=' | '>=' | '<=' | '>' | '<';

export interface QClause {
  attr: (typeof Q_ATTRIBUTES)[number];
  op: QOp;
  value: string | number;
}

export interface NgsiLdQuery {
  types: EntityType[] | null;
  ids: string[] | null;
  q: QClause[];
  near: { lat: number; lon: number; maxDistanceM: number } | null;
  limit: number;
  offset: number;
  keyValues: boolean;
}

type Raw = Record<string, unknown>;

function text(raw: Raw, name: string): string | undefined {
  const v = raw[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw new BadParameterError(name, 'must be given once');
  return v;
}

function int(raw: Raw, name: string, min: number, max: number, def: number): number {
  const v = text(raw, name);
  if (v === undefined) return def;
  if (!/^\d+$/.test(v) || +v < min || +v > max) {
    throw new BadParameterError(name, `must be an integer from ${min} to ${max}`);
  }
  return +v;
}

const CLAUSE = /^([A-Za-z]+)(==|!=|>=|<=|>|<)(.+)$/;

function parseQ(q: string): QClause[] {
  return q.split(';').map((part) => {
    const m = CLAUSE.exec(part.trim());
    const attr = m?.[1] as QClause['attr'] | undefined;
    if (!m || !attr || !(Q_ATTRIBUTES as readonly string[]).includes(attr)) {
      throw new BadParameterError(
        'q',
        `must be clauses like status=="full" on ${Q_ATTRIBUTES.join(', ')}, joined by ;`,
      );
    }
    const raw = m[3].trim();
    const quoted = /^"([^"]*)"$/.exec(raw);
    const value = quoted ? quoted[1] : Number(raw);
    if (!quoted && !Number.isFinite(value)) {
      throw new BadParameterError('q', 'a value must be a number or a "quoted" text');
    }
    return { attr, op: m[2] as QOp, value };
  });
}

function parseNear(raw: Raw): NgsiLdQuery['near'] {
  const georel = text(raw, 'georel');
  if (georel === undefined) return null;
  const m = /^near;maxDistance==(\d+(\.\d+)?)$/.exec(georel);
  if (!m || +m[1] <= 0 || +m[1] > NGSI_MAX_DISTANCE_M) {
    throw new BadParameterError(
      'georel',
      `must be near;maxDistance==<metres, 0 < m <= ${NGSI_MAX_DISTANCE_M}>`,
    );
  }
  if (text(raw, 'geometry') !== 'Point') {
    throw new BadParameterError('geometry', 'must be Point');
  }
  const coords = text(raw, 'coordinates');
  const c = coords ? /^\[\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\]$/.exec(coords) : null;
  const lon = c ? Number(c[1]) : NaN;
  const lat = c ? Number(c[2]) : NaN;
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) {
    throw new BadParameterError('coordinates', 'must be [lon,lat] in WGS84 degrees');
  }
  return { lat, lon, maxDistanceM: +m[1] };
}

/** Validates the query string of `GET /ngsi-ld/v1/entities` (the subset we answer). */
export function parseNgsiLdQuery(raw: Raw): NgsiLdQuery {
  const type = text(raw, 'type');
  const id = text(raw, 'id');
  const q = text(raw, 'q');
  const types = type ? type.split(',').map((t) => t.trim()) : null;
  if (types?.some((t) => !(ENTITY_TYPES as readonly string[]).includes(t))) {
    throw new BadParameterError('type', `must be among ${ENTITY_TYPES.join(', ')}`);
  }
  const near = parseNear(raw);
  if (!types && !id && !q && !near) {
    throw new BadParameterError('type', 'type, id, q or georel is required');
  }
  const options = text(raw, 'options');
  return {
    types: types as EntityType[] | null,
    ids: id ? id.split(',').map((i) => i.trim()) : null,
    q: q ? parseQ(q) : [],
    near,
    limit: int(raw, 'limit', 1, NGSI_LIMIT_MAX, NGSI_LIMIT_DEFAULT),
    offset: int(raw, 'offset', 0, 10_000_000, 0),
    keyValues: options?.split(',').includes('keyValues') ?? false,
  };
}

function test(v: unknown, c: QClause): boolean {
  if (Array.isArray(v))
    return c.op === '!=' ? !v.some((x) => test(x, { ...c, op: '==' })) : v.some((x) => test(x, c));
  if (v === undefined) return false;
  switch (c.op) {
    case '==':
      return v === c.value;
    case '!=':
      return v !== c.value;
    case '>=':
      return typeof v === 'number' && typeof c.value === 'number' && v >= c.value;
    case '<=':
      return typeof v === 'number' && typeof c.value === 'number' && v <= c.value;
    case '>':
      return typeof v === 'number' && typeof c.value === 'number' && v > c.value;
    case '<':
      return typeof v === 'number' && typeof c.value === 'number' && v < c.value;
  }
}

/** True when every clause holds for the key-values entity. */
export function matchesQ(entity: Record<string, unknown>, q: QClause[]): boolean {
  return q.every((c) => test(entity[c.attr], c));
}
