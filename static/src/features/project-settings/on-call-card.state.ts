/**
 * "On-call rotation": the project's rotation (`config.onCall`), a card saved on its own ("Save
 * rotation") into the stored config. Pure.
 */
import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';
import { type OnCallDraft, describeOnCall, nextMondayMorning, onCallDraftOf, viewerTimeZone } from './on-call-form';

export type OnCallCard = ConfigCard<OnCallDraft>;
export type OnCallCardState = ConfigCardState<OnCallDraft>;
export type OnCallCardAction = ConfigCardAction<OnCallDraft>;

// A new rotation starts next Monday 09:00 in the admin's zone; fixed once per page so the draft compares equal.
const NEW_ROTATION = { timeZone: viewerTimeZone(), startsAt: nextMondayMorning(new Date()) };

export const ON_CALL_CARD: ConfigCardRules<OnCallDraft> = {
  draftOf: (view) => onCallDraftOf(view, NEW_ROTATION),
  fieldOf: cardFieldOf('onCall.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'On-call rotation', ON_CALL_CARD.draftOf(base), mine, ON_CALL_CARD.draftOf(theirs), describeOnCall);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceOnCallCard = (state: OnCallCardState, action: OnCallCardAction): OnCallCardState => reduceConfigCard(ON_CALL_CARD, state, action);

export const isOnCallDirty = (state: OnCallCard): boolean => isCardDirty(ON_CALL_CARD, state);
