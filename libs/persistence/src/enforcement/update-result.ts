/** TypeORM's postgres `query()` answers an UPDATE/DELETE with `[returnedRows, affectedCount]`. */
export function updatedRows<T>(result: unknown): T[] {
  const r = result as [T[], number];
  return Array.isArray(r[0]) ? r[0] : [];
}
