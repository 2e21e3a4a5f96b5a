import { z } from 'zod';

/** Ids used across the city file: 1..64 chars of [A-Za-z0-9._:-], like sensor ids on the wire. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1..64 chars of [A-Za-z0-9._:-]');

/** Local wall-clock time "HH:MM"; "24:00" is allowed only as the end of a window. */
export const clockTimeSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM between 00:00 and 24:00');

/** Local calendar date "YYYY-MM-DD" (validated as a real date). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');

/** An IANA time zone the runtime knows (e.g. `Asia/Shanghai`, `Europe/Berlin`). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .min(1)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Shanghai');

export const latSchema = z.number().min(-90).max(90);
export const lonSchema = z.number().min(-180).max(180);

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const isoWeekdaySchema = z.number().int().min(1).max(7);

/**
 * Which local days a window applies to. Named selectors (docs/rules-engine.md, "What the evaluation means"):
 * working days = weekdays that are not holidays plus officially adjusted working days;
 * rest days = every day that is not a working day; school days = working days outside school vacations.
 */
export const NAMED_DAY_SELECTORS = [
  'everyday',
  'weekdays',
  'weekends',
  'holidays',
  'working_days',
  'rest_days',
  'school_days',
  'school_vacations',
] as const;

export const daySelectorSchema = z.union([
  z.enum(NAMED_DAY_SELECTORS),
  z.object({ weekdays: z.array(isoWeekdaySchema).min(1).max(7) }).strict(),
]);
export type DaySelector = z.infer<typeof daySelectorSchema>;

/**
 * A daily window in local time. `to` <= `from` means it crosses midnight; the window belongs to
 * the day it starts on (a Friday 19:00-07:00 window ends Saturday 07:00).
 */
export const timeWindowSchema = z
  .object({
    days: daySelectorSchema,
    from: clockTimeSchema,
    to: clockTimeSchema,
  })
  .strict()
  .refine((w) => w.from !== w.to, { message: 'from and to must differ', path: ['to'] })
  .refine((w) => w.from !== '24:00', {
    message: '24:00 is only valid as an end time',
    path: ['from'],
  });
export type TimeWindow = z.infer<typeof timeWindowSchema>;
