/** disputes (issue 16 part 4): the limits of a dispute and a ruling, free of zod for the UI. */
export const DISPUTE_LIMITS = {
  /** A dispute and a ruling each need a reason of at least this many characters. */
  reasonMin: 10,
  reasonMax: 1_000,
} as const;
