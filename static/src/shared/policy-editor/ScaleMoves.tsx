import type { PolicyView } from '@contract/policy.contract';
import { useId } from 'react';

import { FieldError, describedBy } from '../../ui/FieldMessages';
import type { PolicyDraft } from './policy-form';
import type { Edit } from './PolicyLevels';
import { chooseMove, removedLevels, usageSentence } from './scale-moves';

/**
 * "Issues on levels you are removing": shown while the draft takes levels off the scale in force
 * (a preset, a removed level, a new id), with how many issues carry each and where they move.
 * Nothing is moved until the policy is saved.
 */
export function ScaleMoves({
  view,
  draft,
  error,
  edit,
  disabled,
  heading = 'h2',
}: {
  readonly view: Pick<PolicyView, 'policy' | 'usage'>;
  readonly draft: PolicyDraft;
  readonly error: string | undefined;
  readonly edit: Edit;
  readonly disabled: boolean;
  readonly heading?: 'h2' | 'h3';
}) {
  const id = useId();
  const removed = removedLevels(view, draft);
  if (removed.length === 0) return null;
  const Heading = heading;
  const total = removed.some((level) => level.usage === null) ? null : removed.reduce((sum, level) => sum + (level.usage?.issues ?? 0), 0);
  return (
    <section className="fb-card fb-scale-moves" aria-labelledby={`${id}-title`}>
      <Heading className="fb-card__title" id={`${id}-title`}>
        Issues on levels you are removing
      </Heading>
      <p className="fb-helper" id={`${id}-help`}>
        {total === null ? '' : total === 0 ? 'No issue carries these levels yet. ' : `${total === 1 ? '1 issue carries' : `${String(total)} issues carry`} these levels. `}When you save, each issue on a removed level moves
        to the level you choose here: the reporter’s pick, the decided severity (with a line in its history), its label and its search values. A level you only rename keeps its issues.
      </p>
      <ul className="fb-items">
        {removed.map((level, index) => (
          <li key={level.id} className="fb-scale-moves__item">
            <label className="fb-label" htmlFor={`${id}-${level.id}`}>
              {level.name} moves to
            </label>
            <select
              id={`${id}-${level.id}`}
              className="fb-select"
              value={level.to}
              disabled={disabled}
              data-field={index === 0 ? 'mapping' : undefined}
              aria-invalid={error !== undefined}
              aria-describedby={describedBy(`${id}-${level.id}-count`, error !== undefined && `${id}-error`)}
              onChange={(event) => edit((current) => chooseMove(current, level.id, event.target.value), 'mapping')}
            >
              {draft.levels.map((target) => (
                <option key={target.key} value={target.id}>
                  {target.name.trim() === '' ? target.id : target.name}
                </option>
              ))}
            </select>
            <span className="fb-meta" id={`${id}-${level.id}-count`}>
              {usageSentence(level.usage)}
            </span>
          </li>
        ))}
      </ul>
      <FieldError id={`${id}-error`} message={error} />
    </section>
  );
}
