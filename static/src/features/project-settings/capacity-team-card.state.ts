/**
 * "Who is the team for the capacity gadget" (`config.capacityTeam`): the people who log work on the
 * board's sprint issues during the sprint, or one Jira group. A card saved on its own; the backend
 * checks, as the admin, that the group exists. Pure.
 */
import type { ProjectConfig } from '@contract/project-config.contract';
import { type CapacityTeam, DEFAULT_CAPACITY_TEAM, GROUP_NAME_MAX } from '@contract/on-call.values';

import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';

export interface CapacityTeamDraft {
  readonly source: CapacityTeam['source'];
  /** As typed; kept while "worklog authors" is chosen so switching back does not lose it. */
  readonly groupName: string;
}

export const TEAM_COPY = {
  title: 'Who is the team (capacity gadget)',
  intro: 'The capacity gadget counts support work the team did outside the sprint too. Say who the team is:',
  worklogAuthors: 'The people who log work on the board’s sprint issues during the sprint',
  group: 'The members of a Jira group',
  groupName: 'Group name',
  unsaved: ' Nothing is saved yet: the gadget counts the people who log work on the sprint’s issues.',
  groupMissing: 'Enter the Jira group’s name, as Jira’s admin pages show it.',
  groupTooLong: `A group name has at most ${String(GROUP_NAME_MAX)} characters.`,
  save: 'Save team',
  saved: 'Capacity team saved',
} as const;

export const TEAM_GROUP_KEY = 'capacityTeam.groupName';

export const capacityTeamDraftOf = (config: ProjectConfig): CapacityTeamDraft => {
  const team = config.capacityTeam ?? DEFAULT_CAPACITY_TEAM;
  return { source: team.source, groupName: team.source === 'group' ? team.groupName : '' };
};

export function checkCapacityTeam(draft: CapacityTeamDraft): { readonly ok: true; readonly team: CapacityTeam } | { readonly ok: false; readonly errors: Record<string, string> } {
  if (draft.source === 'worklog-authors') return { ok: true, team: { source: 'worklog-authors' } };
  const groupName = draft.groupName.trim();
  if (groupName === '') return { ok: false, errors: { [TEAM_GROUP_KEY]: TEAM_COPY.groupMissing } };
  if (groupName.length > GROUP_NAME_MAX) return { ok: false, errors: { [TEAM_GROUP_KEY]: TEAM_COPY.groupTooLong } };
  return { ok: true, team: { source: 'group', groupName } };
}

export function withCapacityTeam(config: ProjectConfig, team: CapacityTeam | undefined): ProjectConfig {
  const { capacityTeam: _previous, ...rest } = config;
  return team === undefined ? rest : { ...rest, capacityTeam: team };
}

const describeTeam = (draft: CapacityTeamDraft): string => (draft.source === 'group' ? `the ${draft.groupName.trim()} group` : 'worklog authors');

export type CapacityTeamCard = ConfigCard<CapacityTeamDraft>;
export type CapacityTeamCardState = ConfigCardState<CapacityTeamDraft>;
export type CapacityTeamCardAction = ConfigCardAction<CapacityTeamDraft>;

export const CAPACITY_TEAM_CARD: ConfigCardRules<CapacityTeamDraft> = {
  draftOf: (view) => capacityTeamDraftOf(view.config),
  fieldOf: cardFieldOf('capacityTeam.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'Who is the team', CAPACITY_TEAM_CARD.draftOf(base), mine, CAPACITY_TEAM_CARD.draftOf(theirs), describeTeam);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceCapacityTeamCard = (state: CapacityTeamCardState, action: CapacityTeamCardAction): CapacityTeamCardState => reduceConfigCard(CAPACITY_TEAM_CARD, state, action);

export const isCapacityTeamDirty = (state: CapacityTeamCard): boolean => isCardDirty(CAPACITY_TEAM_CARD, state);
