/** Stakeholder updates per level on the policy form (issue 16, part: updates). */
import { severityPolicySchema } from '@contract/policy.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from '../../../../src/domain/policy/presets';
import { mergePolicyDrafts } from './policy-merge';
import { draftOf, namesOf, toPolicy, updateLevel, type PolicyDraft } from './policy-form';

const base = draftOf(DEFAULT_POLICY);
const withCommunication = (draft: PolicyDraft, patch: Partial<PolicyDraft['levels'][number]['communication']>): PolicyDraft =>
  updateLevel(draft, 0, { communication: { ...(draft.levels[0]?.communication ?? base.levels[0]!.communication), ...patch, own: true } });

describe('stakeholder updates on the policy form', () => {
  it('reads an old level with the defaults: direct updates where there is a cadence, the default subject', () => {
    expect(base.levels.map((level) => level.communication.direct)).toEqual(DEFAULT_POLICY.levels.map((level) => level.updateCadenceMinutes !== null));
    expect(base.levels[0]?.communication.subjectTemplate).toBe('{LEVEL} ISSUE UPDATE: {summary}');
  });

  it('saves what the admin typed: names trimmed, blanks and repeats dropped', () => {
    const checked = toPolicy(withCommunication(base, { groups: ' ops-leads, ,ops-leads, war-room ', roles: 'Developers', subjectTemplate: ' PRIORITY 0 ISSUE UPDATE: {summary} ' }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.policy.levels[0]?.communication).toEqual({ direct: true, groups: ['ops-leads', 'war-room'], roles: ['Developers'], subjectTemplate: 'PRIORITY 0 ISSUE UPDATE: {summary}', escalationContact: null });
    expect(severityPolicySchema.safeParse(checked.policy).success).toBe(true);
  });

  it.each([
    ['too many groups', { groups: Array.from({ length: 11 }, (_v, i) => `g${String(i)}`).join(',') }, /at most 10 groups/],
    ['an empty subject', { subjectTemplate: '   ' }, /subject/],
    ['an oversized subject', { subjectTemplate: 'x'.repeat(201) }, /at most 200/],
  ])('refuses %s under the level', (_case, patch, message) => {
    const checked = toPolicy(withCommunication(base, patch));
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors['levels.0.communication']).toMatch(message);
  });

  it('keeps my audience when another admin saved another field meanwhile', () => {
    const mine = withCommunication(base, { groups: 'ops-leads' });
    const theirs = updateLevel(base, 1, { allHands: true });
    const merged = mergePolicyDrafts(base, mine, theirs);
    expect(namesOf(merged.draft.levels[0]?.communication.groups ?? '')).toEqual(['ops-leads']);
    expect(merged.draft.levels[1]?.allHands).toBe(true);
  });
});
