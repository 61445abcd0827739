/**
 * The loading state every module shows first, laid out like a panel (heading, lines of text, a meta
 * line) so the real content replaces it without a jump. `index.html` holds the same markup so it
 * paints before any script runs; keep the two in step.
 */
export function Shell({ label }: { readonly label: string }) {
  return (
    <div className="fb-shell" role="status" aria-live="polite">
      <div className="fb-shell__row">
        <span className="fb-skeleton fb-skeleton--heading" />
        <span className="fb-skeleton fb-skeleton--button" />
      </div>
      <span className="fb-skeleton fb-skeleton--line" />
      <span className="fb-skeleton fb-skeleton--line" />
      <span className="fb-skeleton fb-skeleton--line fb-skeleton--short" />
      <span className="fb-shell__label">{label}</span>
    </div>
  );
}
