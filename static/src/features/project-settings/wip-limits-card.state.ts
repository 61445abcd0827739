/**
 * "Support work in progress": the project's WIP limits per class of service (`config.wipLimits`), a
 * card saved on its own ("Save WIP limits") into the stored config. Pure.
 */
import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';
import { type WipLimitsDraft, describeWipLimits, wipLimitsDraftOf } from './wip-limits-form';

export type WipLimitsCard = ConfigCard<WipLimitsDraft>;
export type WipLimitsCardState = ConfigCardState<WipLimitsDraft>;
export type WipLimitsCardAction = ConfigCardAction<WipLimitsDraft>;

export const WIP_LIMITS_CARD: ConfigCardRules<WipLimitsDraft> = {
  draftOf: (view) => wipLimitsDraftOf(view.config),
  // Keys as `wipLimits.<class>` (`wipLimits.emergency`) and `wipLimits.topSeverityExempt`.
  fieldOf: cardFieldOf('wipLimits.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'Support work in progress', WIP_LIMITS_CARD.draftOf(base), mine, WIP_LIMITS_CARD.draftOf(theirs), describeWipLimits);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceWipLimitsCard = (state: WipLimitsCardState, action: WipLimitsCardAction): WipLimitsCardState => reduceConfigCard(WIP_LIMITS_CARD, state, action);

export const isWipLimitsDirty = (state: WipLimitsCard): boolean => isCardDirty(WIP_LIMITS_CARD, state);
