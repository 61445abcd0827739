/**
 * Scaling for the gadget's small charts. Pure, so the geometry is tested without a browser; the
 * components only turn these fractions into SVG percentages.
 */

/**
 * Each value as a fraction of the largest, for bars that share one scale. Negative or non-finite
 * values (which the backend does not send) draw as empty rather than breaking the chart.
 */
export function barFractions(values: readonly number[]): number[] {
  const clean = values.map((value) => (Number.isFinite(value) && value > 0 ? value : 0));
  const max = Math.max(0, ...clean);
  return clean.map((value) => (max === 0 ? 0 : value / max));
}

/**
 * The top of the trend's scale: the largest share rounded up to the next 10 % (at least 10 %, at
 * most 100 %), so a team at 12–18 % sees differences instead of six stubs at the bottom, while the
 * scale stays a round number the caption can state.
 */
export function shareCeiling(shares: ReadonlyArray<number | null>): number {
  const max = Math.max(0, ...shares.map((share) => (share !== null && Number.isFinite(share) ? share : 0)));
  return Math.min(1, Math.max(0.1, Math.ceil(Math.round(max * 1000) / 100) / 10));
}

/** A fraction as an SVG length, e.g. "42.5%", clamped to 0–100 with a visible sliver for any non-zero value. */
export function toPercent(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  const percent = Math.min(100, Math.max(1, fraction * 100));
  return `${String(Math.round(percent * 10) / 10)}%`;
}

/** A column rising from the bottom of its box: the SVG `y` and `height` for a fraction of the scale. */
export function columnGeometry(fraction: number): { readonly y: string; readonly height: string } {
  const height = toPercent(fraction);
  const percent = Number.parseFloat(height);
  return { y: `${String(Math.round((100 - percent) * 10) / 10)}%`, height };
}
