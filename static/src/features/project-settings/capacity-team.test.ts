import { describe, expect, it } from 'vitest';

import { DEFAULT_PROJECT_CONFIG } from '../../../../src/domain/config/project-config';
import { TEAM_COPY, TEAM_GROUP_KEY, capacityTeamDraftOf, checkCapacityTeam, withCapacityTeam } from './capacity-team-card.state';

describe('who is the team for the capacity gadget', () => {
  it('reads settings saved before the choice existed as the worklog authors', () => {
    expect(capacityTeamDraftOf(DEFAULT_PROJECT_CONFIG)).toEqual({ source: 'worklog-authors', groupName: '' });
    expect(capacityTeamDraftOf({ ...DEFAULT_PROJECT_CONFIG, capacityTeam: { source: 'group', groupName: 'shop-developers' } })).toEqual({ source: 'group', groupName: 'shop-developers' });
  });

  it.each([
    [{ source: 'worklog-authors' as const, groupName: 'left over' }, { ok: true, team: { source: 'worklog-authors' } }],
    [{ source: 'group' as const, groupName: '  shop-developers ' }, { ok: true, team: { source: 'group', groupName: 'shop-developers' } }],
    [{ source: 'group' as const, groupName: '   ' }, { ok: false, errors: { [TEAM_GROUP_KEY]: TEAM_COPY.groupMissing } }],
    [{ source: 'group' as const, groupName: 'g'.repeat(256) }, { ok: false, errors: { [TEAM_GROUP_KEY]: TEAM_COPY.groupTooLong } }],
  ])('checks %j', (draft, expected) => {
    expect(checkCapacityTeam(draft)).toEqual(expected);
  });

  it('sets the team on the config, and leaves the key out for none', () => {
    expect(withCapacityTeam(DEFAULT_PROJECT_CONFIG, { source: 'worklog-authors' }).capacityTeam).toEqual({ source: 'worklog-authors' });
    expect('capacityTeam' in withCapacityTeam({ ...DEFAULT_PROJECT_CONFIG, capacityTeam: { source: 'worklog-authors' } }, undefined)).toBe(false);
  });
});
