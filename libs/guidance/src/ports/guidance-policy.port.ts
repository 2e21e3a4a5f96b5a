/** What the rules say about one space at an instant, for the general public. */
export interface SpaceAccess {
  /** The general public may park from `at` (for the whole stay and within the max stay, if a stay was given). */
  publicOpen: boolean;
  /** Nobody may park at `at` (lot closed or outside validity, no-parking window). */
  closed: boolean;
  /** Who may park at `at` (`public`, `residents`, `staff`, ...) or null for nobody. */
  audience: string | null;
  /** When the public loses access (epoch ms), or null when not within the look-ahead. */
  usableUntilMs: number | null;
  /** When the public is not allowed at `at`: when it next is, or null. */
  nextPublicFromMs: number | null;
  maxStayMin: number | null;
  pricePerHour: number | null;
  /** Cost of the planned stay, when a stay was given and a tier applies. */
  stayCost: number | null;
  /** Sentences a driver understands; empty unless asked for. */
  explanation: string[];
}

export interface LotAccess {
  /** False when the lot is closed to the public at `at` (operator, public hours, validity). */
  open: boolean;
  reason: string | null;
  nextChangeMs: number | null;
  pricePerHour: number | null;
  explanation: string[];
}

export interface RuleSummary {
  id: string;
  kind: string;
  description: string | null;
}

/**
 * The compiled rules, calendar and prices (port; the adapter wraps the rules engine). Every
 * method is a pure function of its arguments and the city data the policy was built from.
 */
export abstract class GuidancePolicy {
  /** Spaces with the same key get the same answers (same lot and rules): lets callers memoise. */
  abstract policyKey(spaceId: string): string;
  abstract spaceAt(
    spaceId: string,
    atMs: number,
    stayMin: number | null,
    explain?: boolean,
  ): SpaceAccess;
  abstract lotAt(lotId: string, atMs: number): LotAccess;
  /** The rules attached to a space (its lot's, then its own). */
  abstract rulesOf(spaceId: string): RuleSummary[];
}
