import type { ReactNode } from 'react';

/** What one entry shows: its fields, and what it offers besides them. */
export interface ItemRowContent {
  readonly fields: ReactNode;
  /** Beside the legend ("Overdue"). */
  readonly badge?: ReactNode;
  /** Draws the border in the danger colour (an overdue action). */
  readonly alert?: boolean;
  /** What the entry offers besides its fields (a checkbox, a link, a button), before "Remove". */
  readonly tools?: ReactNode;
}

/**
 * A list a person fills in row by row (actions, remediation items, artifacts). Each entry is a group
 * named by its legend ("Action 2"), so each "Title" and "Owner" is found inside its own entry, and
 * the buttons name the entry they act on ("Remove action 2"), then "Add action" under the list.
 */
export function ItemRows<T>({
  items,
  keyOf,
  noun,
  empty,
  editable,
  disabled,
  max,
  hideLegend = false,
  onAdd,
  onRemove,
  row,
}: {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  /** What one entry is called, in lower case: "action" gives "Action 2", "Remove action 2" and "Add action". */
  readonly noun: string;
  /** The note shown while the list is empty. */
  readonly empty: string;
  /** False for someone who may only read: no Remove or Add buttons. */
  readonly editable: boolean;
  readonly disabled: boolean;
  /** The contract's limit on entries; "Add" is off at it. */
  readonly max: number;
  /** Keeps each group's name for assistive technology without showing it (the fields say enough). */
  readonly hideLegend?: boolean;
  readonly onAdd: () => void;
  readonly onRemove: (index: number) => void;
  readonly row: (item: T, index: number) => ItemRowContent;
}) {
  const Noun = `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
  return (
    <>
      {items.length === 0 ? <p className="fb-note">{empty}</p> : null}
      {items.map((item, index) => {
        const n = String(index + 1);
        const { fields, badge, alert = false, tools } = row(item, index);
        return (
          <fieldset key={keyOf(item)} className={`fb-fieldset fb-row${alert ? ' fb-row--alert' : ''}`}>
            <legend className={hideLegend ? 'fb-visually-hidden' : 'fb-subheading'}>
              {Noun} {n}
              {badge === undefined ? null : <> {badge}</>}
            </legend>
            {fields}
            {tools === undefined && !editable ? null : (
              <div className="fb-inline">
                {tools}
                {editable ? (
                  <button type="button" className="fb-button fb-button--subtle fb-no-print" disabled={disabled} onClick={() => onRemove(index)}>
                    Remove {noun} {n}
                  </button>
                ) : null}
              </div>
            )}
          </fieldset>
        );
      })}
      {editable ? (
        <div className="fb-actions">
          <button type="button" className="fb-button" disabled={disabled || items.length >= max} onClick={onAdd}>
            Add {noun}
          </button>
        </div>
      ) : null}
    </>
  );
}
