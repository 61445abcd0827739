/**
 * The foot of a form that is saved as a whole: the primary button, which reads "Saving…" while the
 * call runs, and a note while the draft differs from what is stored.
 */
export function SaveBar({
  label,
  saving,
  dirty,
  disabled = false,
}: {
  /** The button's words when idle ("Save policy"). */
  readonly label: string;
  readonly saving: boolean;
  /** Shows "You have unsaved changes." (not while saving). */
  readonly dirty: boolean;
  /** Disables the button while idle too, for a form with nothing to send. */
  readonly disabled?: boolean;
}) {
  return (
    <div className="fb-actions">
      <button type="submit" className="fb-button fb-button--primary" disabled={saving || disabled}>
        {saving ? 'Saving…' : label}
      </button>
      {dirty && !saving ? <span className="fb-meta">You have unsaved changes.</span> : null}
    </div>
  );
}
