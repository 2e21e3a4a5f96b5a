/**
 * The level each entry of a sign shows (`open`, `almost_full`, `full`), kept between requests: the
 * hysteresis memory of the sign panels. The Redis form is shared by every API instance, so a
 * panel polling different instances never flaps between them; the memory form serves one process.
 * Levels are opaque strings here: the hysteresis rule itself lives in the guidance library.
 */
export abstract class SignLevelStore {
  /** The stored level of each of a sign's `entries` entries, in entry order (`null`: never stored). */
  abstract read(signId: string, entries: number): Promise<(string | null)[]>;

  /**
   * Stores `next` (one level per entry) only if the stored levels are still `expected`; false when
   * another instance changed them first (the caller reads again and recomputes).
   */
  abstract replace(signId: string, expected: (string | null)[], next: string[]): Promise<boolean>;
}

/** A sign's levels are forgotten after this long without a request (signs removed from the city). */
export const SIGN_LEVEL_TTL_MS = 7 * 24 * 3600_000;
