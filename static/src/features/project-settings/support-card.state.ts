/**
 * "What counts as production support": the capacity gadget's defaults for this project, a card
 * saved on its own ("Save support defaults") into the stored config. Pure.
 */
import type { ProjectConfig } from '@contract/project-config.contract';

import { BUILT_IN_SUPPORT_CRITERIA } from '../../shared/capacity';
import { type CriteriaDraft, criteriaDraftOf } from '../../shared/criteria-form';
import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';

/** The support defaults the project counts with: its own, or Firebreak's built-in ones. */
export const supportCriteriaOf = (config: ProjectConfig) => config.supportCriteria ?? BUILT_IN_SUPPORT_CRITERIA;

/** `config` with other support defaults; `undefined` leaves the key out (the built-in defaults). */
export function withSupportCriteria(config: ProjectConfig, criteria: ProjectConfig['supportCriteria']): ProjectConfig {
  const { supportCriteria: _previous, ...rest } = config;
  return criteria === undefined ? rest : { ...rest, supportCriteria: criteria };
}

export type SupportCard = ConfigCard<CriteriaDraft>;
export type SupportCardState = ConfigCardState<CriteriaDraft>;
export type SupportCardAction = ConfigCardAction<CriteriaDraft>;

const describeCriteria = (draft: CriteriaDraft): string =>
  [draft.kinds.join(', '), draft.classesOfService.join(', '), draft.issueTypes, draft.labels, draft.jql].filter((part) => part.trim() !== '').join(' · ') || 'nothing';

export const SUPPORT_CARD: ConfigCardRules<CriteriaDraft> = {
  draftOf: (view) => criteriaDraftOf(supportCriteriaOf(view.config)),
  // Keys as `supportCriteria.<field>` (`supportCriteria.jql`).
  fieldOf: cardFieldOf('supportCriteria.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'What counts as production support', SUPPORT_CARD.draftOf(base), mine, SUPPORT_CARD.draftOf(theirs), describeCriteria);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceSupportCard = (state: SupportCardState, action: SupportCardAction): SupportCardState => reduceConfigCard(SUPPORT_CARD, state, action);

export const isSupportDirty = (state: SupportCard): boolean => isCardDirty(SUPPORT_CARD, state);
