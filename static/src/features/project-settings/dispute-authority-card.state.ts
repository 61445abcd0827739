/**
 * disputes (issue 16 part 4): "Who has the final say on severity disputes" (`config.disputeAuthority`):
 * one person, the members of a Jira group, or the members of one of the project's roles. A card
 * saved on its own; the backend checks, as the admin, that the group and the role exist. Pure.
 */
import type { DisputeAuthority, ProjectConfig } from '@contract/project-config.contract';
import { GROUP_NAME_MAX } from '@contract/on-call.values';
import { DEFAULT_DISPUTE_AUTHORITY } from '@contract/project-config.values';

import { mergeValue, newMergeNotes } from '../../shared/three-way-merge';
import { type ConfigCard, type ConfigCardAction, type ConfigCardRules, type ConfigCardState, SETTINGS_COPY, cardFieldOf, isCardDirty, reduceConfigCard } from './config-card.state';

export interface DisputeAuthorityDraft {
  readonly kind: DisputeAuthority['kind'];
  /** Each kind's choice is kept while another is chosen, so switching back does not lose it. */
  readonly person: { readonly accountId: string; readonly displayName: string } | null;
  readonly groupName: string;
  readonly roleName: string;
}

export const AUTHORITY_COPY = {
  title: 'Who has the final say on severity disputes',
  intro:
    'When a reporter (or anyone who may comment) disputes a decided severity, this authority rules: keeps the level or changes it, with a reason, within the level’s time box. The ruling joins the severity history and the disputer is told.',
  unsaved: ' Nothing is saved yet: the project’s Administrators role has the final say.',
  person: 'One person',
  group: 'The members of a Jira group',
  role: 'The members of a project role',
  groupName: 'Group name',
  roleName: 'Project role',
  personMissing: 'Find the person by name and choose them.',
  groupMissing: 'Enter the Jira group’s name, as Jira’s admin pages show it.',
  groupTooLong: `A group name has at most ${String(GROUP_NAME_MAX)} characters.`,
  roleMissing: 'Choose one of the project’s roles.',
  save: 'Save who rules',
  saved: 'Dispute authority saved',
} as const;

export const AUTHORITY_KEYS = { person: 'disputeAuthority.accountId', group: 'disputeAuthority.groupName', role: 'disputeAuthority.roleName' } as const;

export const disputeAuthorityDraftOf = (config: ProjectConfig, names: Readonly<Record<string, string>> = {}): DisputeAuthorityDraft => {
  const authority = config.disputeAuthority ?? DEFAULT_DISPUTE_AUTHORITY;
  return {
    kind: authority.kind,
    person: authority.kind === 'person' ? { accountId: authority.accountId, displayName: names[authority.accountId] ?? 'Someone Jira does not show you' } : null,
    groupName: authority.kind === 'group' ? authority.groupName : '',
    roleName: authority.kind === 'role' ? authority.roleName : '',
  };
};

export function checkDisputeAuthority(draft: DisputeAuthorityDraft): { readonly ok: true; readonly authority: DisputeAuthority } | { readonly ok: false; readonly errors: Record<string, string> } {
  switch (draft.kind) {
    case 'person':
      return draft.person === null ? { ok: false, errors: { [AUTHORITY_KEYS.person]: AUTHORITY_COPY.personMissing } } : { ok: true, authority: { kind: 'person', accountId: draft.person.accountId } };
    case 'group': {
      const groupName = draft.groupName.trim();
      if (groupName === '') return { ok: false, errors: { [AUTHORITY_KEYS.group]: AUTHORITY_COPY.groupMissing } };
      if (groupName.length > GROUP_NAME_MAX) return { ok: false, errors: { [AUTHORITY_KEYS.group]: AUTHORITY_COPY.groupTooLong } };
      return { ok: true, authority: { kind: 'group', groupName } };
    }
    case 'role':
      return draft.roleName.trim() === '' ? { ok: false, errors: { [AUTHORITY_KEYS.role]: AUTHORITY_COPY.roleMissing } } : { ok: true, authority: { kind: 'role', roleName: draft.roleName.trim() } };
  }
}

export function withDisputeAuthority(config: ProjectConfig, authority: DisputeAuthority | undefined): ProjectConfig {
  const { disputeAuthority: _previous, ...rest } = config;
  return authority === undefined ? rest : { ...rest, disputeAuthority: authority };
}

const describeDraft = (draft: DisputeAuthorityDraft): string =>
  draft.kind === 'person' ? (draft.person?.displayName ?? 'nobody chosen') : draft.kind === 'group' ? `the ${draft.groupName.trim()} group` : `the ${draft.roleName} role`;

export type DisputeAuthorityCard = ConfigCard<DisputeAuthorityDraft>;
export type DisputeAuthorityCardState = ConfigCardState<DisputeAuthorityDraft>;
export type DisputeAuthorityCardAction = ConfigCardAction<DisputeAuthorityDraft>;

export const DISPUTE_AUTHORITY_CARD: ConfigCardRules<DisputeAuthorityDraft> = {
  draftOf: (view) => disputeAuthorityDraftOf(view.config, view.people),
  fieldOf: cardFieldOf('disputeAuthority.'),
  copy: SETTINGS_COPY,
  merge: (base, mine, theirs) => {
    const notes = newMergeNotes();
    const draft = mergeValue(notes, 'Who has the final say on severity disputes', DISPUTE_AUTHORITY_CARD.draftOf(base), mine, DISPUTE_AUTHORITY_CARD.draftOf(theirs), describeDraft);
    return { draft, notes };
  },
  rebase: (draft) => draft,
};

export const reduceDisputeAuthorityCard = (state: DisputeAuthorityCardState, action: DisputeAuthorityCardAction): DisputeAuthorityCardState => reduceConfigCard(DISPUTE_AUTHORITY_CARD, state, action);

export const isDisputeAuthorityDirty = (state: DisputeAuthorityCard): boolean => isCardDirty(DISPUTE_AUTHORITY_CARD, state);
