import { z } from 'zod';
import { idSchema, localDateSchema } from '../common.schema';

/** Version of the calendar shape below (city file v1 carries v1). */
export const CALENDAR_SCHEMA_VERSION = 1;

const namedDateSchema = z
  .object({ date: localDateSchema, name: z.string().max(100).optional() })
  .strict();

export const schoolVacationSchema = z
  .object({
    id: idSchema,
    name: z.string().max(100).optional(),
    /** Inclusive local dates. */
    from: localDateSchema,
    to: localDateSchema,
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: 'from must not be after to', path: ['to'] });

/** Calendar data v1: official public holidays, adjusted working days, the city's school vacations. */
export const calendarSchema = z
  .object({
    holidays: z.array(namedDateSchema).default([]),
    adjustedWorkingDays: z.array(namedDateSchema).default([]),
    schoolVacations: z.array(schoolVacationSchema).default([]),
  })
  .strict();
export type CalendarData = z.infer<typeof calendarSchema>;
