/**
 * The main settings card (production types, field rules, checklist items, send-back status, who
 * triages), saved by "Save settings". Its draft is the whole config. Pure.
 */
import type { ProjectConfig } from '@contract/project-config.contract';

import { newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';
import { withImprovements } from './settings-form';
import { mergeProjectConfig } from './settings-merge';
import { withSupportCriteria } from './support-card.state';
import { withCapacityTeam } from './capacity-team-card.state';
import { withDisputeAuthority } from './dispute-authority-card.state';
import { withOnCall } from './on-call-form';
import { withStoredWipLimits } from './wip-limits-form';

export type SettingsCard = ConfigCard<ProjectConfig>;
export type SettingsCardState = ConfigCardState<ProjectConfig>;
export type SettingsCardAction = ConfigCardAction<ProjectConfig>;

export const SETTINGS_CARD: ConfigCardRules<ProjectConfig> = {
  draftOf: (view) => view.config,
  // Keys as the config names them (`productionIssueTypes`, `manualItems.0.label`).
  fieldOf: cardFieldOf(null),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    return { draft: mergeProjectConfig(notes, base.config, mine, theirs.config), notes };
  },
  // The draft is the whole config: it takes on the support defaults, action items, WIP limits, rotation and team the other cards saved.
  rebase: (draft, view) =>
    // disputes (issue 16 part 4): and who has the final say on disputes.
    withDisputeAuthority(
      withCapacityTeam(withOnCall(withStoredWipLimits(withImprovements(withSupportCriteria(draft, view.config.supportCriteria), view.config.improvements), view.config.wipLimits), view.config.onCall), view.config.capacityTeam),
      view.config.disputeAuthority,
    ),
};

export const reduceSettingsCard = (state: SettingsCardState, action: SettingsCardAction): SettingsCardState => reduceConfigCard(SETTINGS_CARD, state, action);

export const isSettingsDirty = (state: SettingsCard): boolean => isCardDirty(SETTINGS_CARD, state);
