/** Runs one read-only query on the city tables and answers its rows. */
export type CitySql = <T = Record<string, unknown>>(sql: string) => Promise<T[]>;
