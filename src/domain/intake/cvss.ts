/**
 * Severity from a CVSS base score, by a table the admin edits. The default is the qualitative
 * scale of CVSS v3.x and v4.0 (Critical 9.0–10.0, High 7.0–8.9, Medium 4.0–6.9, Low 0.1–3.9,
 * None 0.0); the band names are the admin's to map onto the project's severity levels.
 * @see https://www.first.org/cvss/v3.1/specification-document#Qualitative-Severity-Rating-Scale
 * @see https://www.first.org/cvss/v4.0/specification-document#Qualitative-Severity-Rating-Scale
 */

export interface CvssBand {
  /** The admin's name for the band (a policy level id, or `critical`…`low` by default). */
  readonly name: string;
  /** Lowest score in the band, inclusive. Scores carry one decimal, so "Low > 0" is `from: 0.1`. */
  readonly from: number;
}

export const DEFAULT_CVSS_TABLE: readonly CvssBand[] = [
  { name: 'critical', from: 9.0 },
  { name: 'high', from: 7.0 },
  { name: 'medium', from: 4.0 },
  { name: 'low', from: 0.1 },
];

/**
 * The band a score falls in: the one with the highest `from` at or below it. Null for 0.0 ("None"),
 * for a score outside 0–10 or not a number, and for a score under every band of the table.
 */
export function severityFromCvss(score: number | null, table: readonly CvssBand[] = DEFAULT_CVSS_TABLE): string | null {
  if (score === null || !Number.isFinite(score) || score <= 0 || score > 10) return null;
  // Compare in tenths: 8.95 is not a CVSS score, and 6.9 + floating point must not slip into 7.0.
  const tenths = Math.round(score * 10);
  const band = [...table].sort((a, b) => b.from - a.from).find((candidate) => tenths >= Math.round(candidate.from * 10));
  return band?.name ?? null;
}

/** What is wrong with an admin's table, in a sentence, or null when it can be saved. */
export function cvssTableProblem(table: readonly CvssBand[]): string | null {
  if (table.length === 0) return 'Add at least one band, for example Critical from 9.0.';
  const names = new Set<string>();
  const starts = new Set<number>();
  for (const band of table) {
    if (band.name.trim() === '') return 'Every band needs a name.';
    if (!Number.isFinite(band.from) || band.from <= 0 || band.from > 10) return `"${band.name}" must start at a score above 0 and at most 10.`;
    if (Math.abs(band.from * 10 - Math.round(band.from * 10)) > 1e-9) return `"${band.name}" must start at a score with one decimal, like 7.0.`;
    if (names.has(band.name)) return `"${band.name}" appears twice.`;
    if (starts.has(Math.round(band.from * 10))) return `Two bands start at ${band.from.toFixed(1)}.`;
    names.add(band.name);
    starts.add(Math.round(band.from * 10));
  }
  return null;
}
