import { useId, useState } from 'react';

import { AddField } from '../../ui/AddField';
import { Field } from '../../ui/Field';
import { FieldError } from '../../ui/FieldMessages';
import { ItemTools } from '../../ui/ItemTools';
import { canEditCard } from './config-card.state';
import { addItem, checkNewItemLabel, moveItem, removeItem, updateItem } from './settings-form';
import type { SettingsSectionProps } from './settings-section';

/** "Definition of Ready checklist items": the checks a triager ticks by hand, and "Add item". */
export function ChecklistItems({ state, dispatch, disabled }: SettingsSectionProps) {
  const id = useId();
  const items = state.draft.manualItems;
  const [label, setLabel] = useState('');
  const [needsNote, setNeedsNote] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const listError = state.fieldErrors['manualItems'];

  const add = () => {
    const problem = checkNewItemLabel(state.draft, label);
    setAddError(problem);
    if (problem !== null) return;
    dispatch({ type: 'edit', change: (config) => addItem(config, label, needsNote) });
    setLabel('');
    setNeedsNote(false);
  };

  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Definition of Ready checklist items
      </h2>
      <p className="fb-helper">Checks a triager ticks by hand before an issue is ready, besides the required fields, the severity and the classification.</p>
      {items.length === 0 ? <p className="fb-note">No manual checks.</p> : null}
      <ol className="fb-items">
        {items.map((item, index) => {
          const n = String(index + 1);
          const errorKey = `manualItems.${String(index)}.label`;
          return (
            <li key={item.id} className="fb-item">
              <Field
                id={`${id}-item-${item.id}`}
                className="fb-item__label"
                label={`Label of item ${n}`}
                hint={
                  <>
                    Id: <code>{item.id}</code>
                  </>
                }
                hintClass="fb-meta"
                error={state.fieldErrors[errorKey]}
              >
                {(control) => (
                  <input
                    {...control}
                    className="fb-input"
                    type="text"
                    value={item.label}
                    disabled={disabled}
                    onChange={(event) => {
                      const next = event.target.value;
                      dispatch({ type: 'edit', clears: errorKey, change: (config) => updateItem(config, index, { label: next }) });
                    }}
                  />
                )}
              </Field>
              <label className="fb-choice">
                <input
                  type="checkbox"
                  checked={item.needsNote}
                  disabled={disabled}
                  aria-label={`Item ${n} needs a note`}
                  onChange={(event) => {
                    const next = event.target.checked;
                    dispatch({ type: 'edit', change: (config) => updateItem(config, index, { needsNote: next }) });
                  }}
                />
                Needs a note
              </label>
              <ItemTools
                noun="item"
                index={index}
                count={items.length}
                disabled={disabled}
                onMove={(by) => dispatch({ type: 'edit', change: (config) => moveItem(config, index, by) })}
                onRemove={() => dispatch({ type: 'edit', change: (config) => removeItem(config, index) })}
              />
            </li>
          );
        })}
      </ol>
      <FieldError id={`${id}-list-error`} message={listError} />
      {canEditCard(state) ? (
        <div className="fb-add" role="group" aria-labelledby={`${id}-add`}>
          <p className="fb-label" id={`${id}-add`}>
            Add an item
          </p>
          <AddField
            id={`${id}-new`}
            label="New checklist item"
            value={label}
            error={addError}
            disabled={disabled}
            onChange={(value) => {
              setLabel(value);
              setAddError(null);
            }}
            onAdd={add}
          />
          <div className="fb-inline">
            <label className="fb-choice">
              <input type="checkbox" checked={needsNote} disabled={disabled} onChange={(event) => setNeedsNote(event.target.checked)} />
              New item needs a note
            </label>
            <button type="button" className="fb-button" disabled={disabled} onClick={add}>
              Add item
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
