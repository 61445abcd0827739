/** Stakeholder updates per level on the policy form (issue 16, part: updates). */
import { severityPolicySchema } from '@contract/policy.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from '../../../../src/domain/policy/presets';
import { mergePolicyDrafts } from './policy-merge';
import { draftOf, escalationWords, namesOf, setEscalationContact, toPolicy, updateLevel, type PolicyDraft } from './policy-form';

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

  it('saves the escalation contact chosen in the picker by account id, and clears it', () => {
    const chosen = toPolicy(setEscalationContact(base, 0, 'acc-sam-scrum'));
    if (!chosen.ok) throw new Error(JSON.stringify(chosen.errors));
    expect(chosen.policy.levels[0]?.communication?.escalationContact).toBe('acc-sam-scrum');
    expect(chosen.policy.levels[1]?.communication).toBeUndefined();
    const cleared = toPolicy(setEscalationContact(draftOf(chosen.policy), 0, null));
    if (!cleared.ok) throw new Error(JSON.stringify(cleared.errors));
    expect(cleared.policy.levels[0]?.communication?.escalationContact).toBeNull();
  });

  it('keeps the contact when the admin then turns direct updates off (reminders follow the cadence, not the audience)', () => {
    const chosen = setEscalationContact(base, 0, 'acc-sam-scrum');
    const checked = toPolicy(withCommunication(chosen, { direct: false }));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.policy.levels[0]?.communication).toMatchObject({ direct: false, escalationContact: 'acc-sam-scrum' });
  });

  it('says what a missed update does, by the contact’s name, or that nobody more is told', () => {
    const level = base.levels[0]!;
    expect(escalationWords(level, 'Sam Okafor')).toBe('When an update is overdue, Firebreak reminds the assignee in a comment. If nobody posts within another update interval after the reminder, Sam Okafor gets an email too.');
    expect(escalationWords(level, null)).toMatch(/Nobody else is told: choose an escalation contact/);
    expect(escalationWords({ updateCadence: null }, null)).toMatch(/no update is ever overdue/);
  });
});
