import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { AUTHORITY_COPY, AUTHORITY_KEYS, checkDisputeAuthority, disputeAuthorityDraftOf, withDisputeAuthority } from './dispute-authority-card.state';

const blank = { person: null, groupName: '', roleName: '' };

describe('who has the final say on severity disputes (card)', () => {
  it('starts from the Administrators role when nothing is saved, and shows a saved person by name', () => {
    expect(disputeAuthorityDraftOf(DEFAULT_PROJECT_CONFIG)).toEqual({ kind: 'role', ...blank, roleName: 'Administrators' });
    expect(disputeAuthorityDraftOf({ ...DEFAULT_PROJECT_CONFIG, disputeAuthority: { kind: 'person', accountId: 'acc-mia-dev' } }, { 'acc-mia-dev': 'Mia Chen' }).person).toEqual({ accountId: 'acc-mia-dev', displayName: 'Mia Chen' });
  });

  it.each([
    [{ kind: 'person' as const, ...blank }, { ok: false, errors: { [AUTHORITY_KEYS.person]: AUTHORITY_COPY.personMissing } }],
    [{ kind: 'person' as const, ...blank, person: { accountId: 'acc-mia-dev', displayName: 'Mia Chen' } }, { ok: true, authority: { kind: 'person', accountId: 'acc-mia-dev' } }],
    [{ kind: 'group' as const, ...blank, groupName: '   ' }, { ok: false, errors: { [AUTHORITY_KEYS.group]: AUTHORITY_COPY.groupMissing } }],
    [{ kind: 'group' as const, ...blank, groupName: 'g'.repeat(256) }, { ok: false, errors: { [AUTHORITY_KEYS.group]: AUTHORITY_COPY.groupTooLong } }],
    [{ kind: 'group' as const, ...blank, groupName: ' sre-leads ' }, { ok: true, authority: { kind: 'group', groupName: 'sre-leads' } }],
    [{ kind: 'role' as const, ...blank }, { ok: false, errors: { [AUTHORITY_KEYS.role]: AUTHORITY_COPY.roleMissing } }],
    [{ kind: 'role' as const, ...blank, roleName: 'Developers' }, { ok: true, authority: { kind: 'role', roleName: 'Developers' } }],
  ])('checks %j', (draft, expected) => {
    expect(checkDisputeAuthority(draft)).toEqual(expected);
  });

  it('puts the authority into the config and takes it out again', () => {
    const config = withDisputeAuthority(DEFAULT_PROJECT_CONFIG, { kind: 'group', groupName: 'sre-leads' });
    expect(config.disputeAuthority).toEqual({ kind: 'group', groupName: 'sre-leads' });
    expect('disputeAuthority' in withDisputeAuthority(config, undefined)).toBe(false);
  });
});
