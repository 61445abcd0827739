/**
 * "Postmortem action items": where a postmortem's action items are filed (`config.improvements`), a
 * card saved on its own ("Save improvements backlog") into the stored config. Pure.
 */
import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';
import { type Improvements, improvementsOf } from './settings-form';

export type ImprovementsCard = ConfigCard<Improvements>;
export type ImprovementsCardState = ConfigCardState<Improvements>;
export type ImprovementsCardAction = ConfigCardAction<Improvements>;

export const IMPROVEMENTS_CARD: ConfigCardRules<Improvements> = {
  draftOf: (view) => improvementsOf(view.config, view.projectKey),
  // Keys as `improvements.<field>` (`improvements.projectKey`).
  fieldOf: cardFieldOf('improvements.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'Postmortem action items', IMPROVEMENTS_CARD.draftOf(base), mine, IMPROVEMENTS_CARD.draftOf(theirs), (value) => `${value.projectKey}, ${value.issueType}, ${value.label}`);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceImprovementsCard = (state: ImprovementsCardState, action: ImprovementsCardAction): ImprovementsCardState => reduceConfigCard(IMPROVEMENTS_CARD, state, action);

export const isImprovementsDirty = (state: ImprovementsCard): boolean => isCardDirty(IMPROVEMENTS_CARD, state);
