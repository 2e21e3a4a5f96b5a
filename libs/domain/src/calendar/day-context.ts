import { ZoneClock } from '../time/zone-clock';
import { CalendarIndex } from './calendar-index';

/** What windows need to become instants: the zone's clock and the calendar's day flags. */
export interface DayContext {
  readonly clock: ZoneClock;
  readonly calendar: CalendarIndex;
}
