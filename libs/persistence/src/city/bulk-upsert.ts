import { EntityManager } from 'typeorm';

export type ColumnType =
  'text' | 'int' | 'smallint' | 'float8' | 'real' | 'bool' | 'date' | 'jsonb' | 'text[]';

export interface TableSpec {
  table: string;
  key: string[];
  columns: Array<{ name: string; type: ColumnType }>;
  /** False for tables the file only partly describes (rows not in the file are kept). */
  deleteMissing: boolean;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
}

/** How a column travels: as one array parameter, then cast back in SQL. */
const PARAM: Record<ColumnType, string> = {
  text: 'text[]',
  int: 'int[]',
  smallint: 'smallint[]',
  float8: 'float8[]',
  real: 'float8[]',
  bool: 'bool[]',
  date: 'text[]',
  jsonb: 'text[]',
  'text[]': 'text[]',
};

function castExpr(col: string, type: ColumnType): string {
  switch (type) {
    case 'real':
      return `s.${col}::real`;
    case 'date':
      return `s.${col}::date`;
    case 'jsonb':
      return `s.${col}::jsonb`;
    case 'text[]':
      return `s.${col}::text[]`;
    default:
      return `s.${col}`;
  }
}

/** `['a', 'b"c']` -> `{"a","b\\"c"}`: a PostgreSQL array literal, cast back with ::text[]. */
function arrayLiteral(list: readonly string[]): string {
  return `{${list.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

function toParam(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  // unnest() flattens arrays of arrays, so each row's list travels as one array literal
  if (type === 'text[]') return arrayLiteral(value as string[]);
  return value;
}

function columnArrays(spec: TableSpec, rows: readonly unknown[][], names: string[]): unknown[][] {
  return names.map((name) => {
    const idx = spec.columns.findIndex((c) => c.name === name);
    const type = spec.columns[idx].type;
    return rows.map((r) => toParam(r[idx], type));
  });
}

/**
 * One multi-row upsert per table: INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE,
 * updating only rows whose columns differ. Rows already equal are filtered out before the
 * INSERT, because ON CONFLICT DO UPDATE would otherwise lock (and so write) every one of them.
 */
export async function bulkUpsert(
  em: EntityManager,
  spec: TableSpec,
  rows: readonly unknown[][],
): Promise<UpsertResult> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const names = spec.columns.map((c) => c.name);
  const params = spec.columns.map((c, i) => `$${i + 1}::${PARAM[c.type]}`).join(', ');
  const select = spec.columns.map((c) => `${castExpr(c.name, c.type)} AS ${c.name}`).join(', ');
  const rest = names.filter((n) => !spec.key.includes(n));
  const t = spec.table;
  const keyMatch = spec.key.map((k) => `${t}.${k} = src.${k}`).join(' AND ');
  const sql = `
    WITH src AS (
      SELECT ${select} FROM unnest(${params}) AS s(${names.join(', ')})
    ), up AS (
      INSERT INTO ${t} (${names.join(', ')})
      SELECT * FROM src
       WHERE NOT EXISTS (
         SELECT 1 FROM ${t} WHERE ${keyMatch}
            AND (${rest.map((n) => `${t}.${n}`).join(', ')})
                IS NOT DISTINCT FROM (${rest.map((n) => `src.${n}`).join(', ')}))
      ON CONFLICT (${spec.key.join(', ')}) DO UPDATE
        SET ${rest.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}
        WHERE (${rest.map((n) => `${t}.${n}`).join(', ')})
          IS DISTINCT FROM (${rest.map((n) => `EXCLUDED.${n}`).join(', ')})
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated
      FROM up`;
  const res: UpsertResult[] = await em.query(sql, columnArrays(spec, rows, names));
  return res[0];
}

/**
 * Deletes the rows whose key is not among `rows` (an anti-join, not a NOT IN list). Called after
 * the upsert, when every key of `rows` is in the table: a table of the same size then holds
 * nothing else, and the anti-join is skipped.
 */
export async function deleteMissing(
  em: EntityManager,
  spec: TableSpec,
  rows: readonly unknown[][],
): Promise<number> {
  const size: Array<{ n: number }> = await em.query(`SELECT count(*)::int AS n FROM ${spec.table}`);
  if (size[0].n === rows.length) return 0;
  const keyCols = spec.key.map((k) => spec.columns.find((c) => c.name === k)!);
  const params = keyCols.map((c, i) => `$${i + 1}::${PARAM[c.type]}`).join(', ');
  const match = keyCols
    .map((c) => `${castExpr(c.name, c.type).replace(/\bs\./g, 'k.')} = ${spec.table}.${c.name}`)
    .join(' AND ');
  const sql = `
    WITH d AS (
      DELETE FROM ${spec.table}
       WHERE NOT EXISTS (
         SELECT 1 FROM unnest(${params}) AS k(${spec.key.join(', ')}) WHERE ${match})
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM d`;
  const res: Array<{ n: number }> = await em.query(sql, columnArrays(spec, rows, spec.key));
  return res[0].n;
}
