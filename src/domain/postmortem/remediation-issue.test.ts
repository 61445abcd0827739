/** format part (issue 15): a remediation item's Jira issue: what a client may write, and what the person is told after filing. */
import { describe, expect, it } from 'vitest';

import type { RemediationItem } from '../../contract/postmortem.contract';
import { describeFiledActionIssue } from './action-issue';
import { applyEdit } from './edit';
import { contentOf } from './review';
import { generatePostmortem } from './testing/postmortem.factory';

const item: RemediationItem = { id: 'r1', title: 'Resend order confirmations', owner: 'acc-rita-support', priority: 'high', done: false };
const filed = generatePostmortem({ remediation: [{ ...item, issueKey: 'SHOP-42', filedPriority: 'Highest' }] });
const unfiled = generatePostmortem({ remediation: [item] });
const remediationAfter = (stored: typeof filed, sent: RemediationItem) => applyEdit(stored, { ...contentOf(stored), remediation: [sent] }).remediation[0];

describe('a client’s edit of a remediation item’s issue', () => {
  it.each([
    ['sets a key on an unfiled item', unfiled, { ...item, issueKey: 'SHOP-1' }, item],
    ['sets a filed priority on an unfiled item', unfiled, { ...item, filedPriority: 'Highest' }, item],
    ['changes the key of a filed item', filed, { ...item, issueKey: 'SHOP-1', filedPriority: 'Lowest' }, { ...item, issueKey: 'SHOP-42', filedPriority: 'Highest' }],
    ['leaves the key out (a page older than filing)', filed, item, { ...item, issueKey: 'SHOP-42', filedPriority: 'Highest' }],
    ['clears the key (unlink)', filed, { ...item, issueKey: null }, { ...item, issueKey: null }],
    ['clears a key the item never had', unfiled, { ...item, issueKey: null }, item],
  ])('%s: the stored key decides', (_name, stored, sent, expected) => {
    expect(remediationAfter(stored, sent)).toEqual(expected);
  });
});

describe('what the person is told after filing a remediation item', () => {
  const base = { issueKey: 'SHOP-9', projectKey: 'SHOP', issueType: 'Task', refused: [], asked: { label: 'firebreak-remediation', dueDate: null, owner: null, priority: 'Highest' }, linkFailure: null, noun: 'remediation item' };

  it('nothing when Jira took everything', () => {
    expect(describeFiledActionIssue(base)).toBeNull();
  });

  it('names the priority the create screen has no field for', () => {
    expect(describeFiledActionIssue({ ...base, refused: [{ field: 'priority', notOnScreen: true, message: 'not on the appropriate screen' }] })).toBe(
      'Filed SHOP-9. Jira’s create screen for Task in SHOP has no Priority field, so the priority Highest was not set.',
    );
  });

  it('quotes Jira when it refused the priority’s value', () => {
    expect(describeFiledActionIssue({ ...base, refused: [{ field: 'priority', notOnScreen: false, message: 'Specify a valid priority' }] })).toBe('Filed SHOP-9. Jira did not accept the priority Highest (“Specify a valid priority”), so it was not set.');
  });

  it('says “remediation item”, not “action”, when it was removed meanwhile or the owner was not told', () => {
    const told = describeFiledActionIssue({ ...base, actionRemoved: true, notifyFailure: { owner: 'Rita Reyes', reason: 'HTTP 429' } }) ?? '';
    expect(told).toContain('tell them the remediation item is theirs');
    expect(told).toContain('The remediation item was removed from the postmortem meanwhile');
    expect(told).not.toMatch(/\baction\b/);
  });
});
