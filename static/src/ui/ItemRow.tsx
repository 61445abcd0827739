import type { ReactNode } from 'react';

/**
 * One entry of a list a person fills in row by row (an action, a remediation item, an artifact):
 * its fields in a group named by the legend ("Action 2"), so each "Title" and "Owner" is found
 * inside its own entry, then a line with the entry's tools and the button that removes it.
 */
export function ItemRow({
  legend,
  hideLegend = false,
  alert = false,
  tools,
  remove,
  children,
}: {
  readonly legend: ReactNode;
  /** Keeps the group's name for assistive technology without showing it (the fields say enough). */
  readonly hideLegend?: boolean;
  /** Draws the border in the danger colour (an overdue action). */
  readonly alert?: boolean;
  /** What the entry offers besides its fields (a checkbox, a link, a button), before "Remove". */
  readonly tools?: ReactNode;
  /** The remove button, named for the entry it removes ("Remove action 2"); left out when the person cannot edit. */
  readonly remove?: { readonly label: string; readonly disabled: boolean; readonly onRemove: () => void } | undefined;
  readonly children: ReactNode;
}) {
  return (
    <fieldset className={`fb-fieldset fb-row${alert ? ' fb-row--alert' : ''}`}>
      <legend className={hideLegend ? 'fb-visually-hidden' : 'fb-subheading'}>{legend}</legend>
      {children}
      {tools === undefined && remove === undefined ? null : (
        <div className="fb-inline">
          {tools}
          {remove === undefined ? null : (
            <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={remove.disabled} onClick={remove.onRemove}>
              {remove.label}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
