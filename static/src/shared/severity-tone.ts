/**
 * A severity level's colour, from its place in the scale: the top level stands out, the second less,
 * the rest stay neutral, and a level no longer in the scale (or none) is muted. The report panel's
 * lozenges and the capacity gadget's bars use the same tones, so a level looks the same everywhere.
 */
export type SeverityTone = 'top' | 'high' | 'other' | 'none';

export const severityToneOf = (rank: number | null | undefined): SeverityTone => {
  if (rank === null || rank === undefined || rank < 0) return 'none';
  if (rank === 0) return 'top';
  return rank === 1 ? 'high' : 'other';
};
