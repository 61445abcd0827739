import { describe, expect, it } from 'vitest';

import type { ActionItem, Postmortem } from '../../contract/postmortem.contract';
import { generatePostmortem } from './testing/postmortem.factory';
import { planActionReminder } from './action-reminders';

const STAMP = { by: 'acc-devon-oncall', at: '2026-01-01T00:00:00.000Z' };
const action = (changes: Partial<ActionItem> = {}): ActionItem => ({
  id: 'a1', title: 'Reconcile stock', owner: 'acc-mia-dev', dueDate: '2026-11-01', question: 'prevent', issueKey: 'SHOP-9', triage: { decision: 'accepted', reason: '', ...STAMP }, ...changes,
});
const withAction = (item: ActionItem): Postmortem => ({ ...generatePostmortem(), owner: 'acc-devon-oncall', actions: [item] });

describe('planActionReminder', () => {
  it.each([
    ['overdue and open', action(), 'SHOP-9', false, true],
    ['due today', action({ dueDate: '2026-12-01' }), 'SHOP-9', false, false],
    ['done in Jira', action(), 'SHOP-9', true, false],
    ['another issue claims to be it', action(), 'SHOP-10', false, false],
    ['deferred', action({ triage: { decision: 'deferred', reason: 'Later', ...STAMP } }), 'SHOP-9', false, false],
    ['verified', action({ verification: { how: 'Drill', link: null, ...STAMP } }), 'SHOP-9', false, false],
    ['no due date', action({ dueDate: null }), 'SHOP-9', false, false],
  ] as const)('%s → reminded: %s', (_case, item, issueKey, done, reminded) => {
    expect(planActionReminder(withAction(item), 'a1', issueKey, done, '2026-12-01') !== null).toBe(reminded);
  });

  it('reminds the owner and the postmortem’s owner once each, keyed by the due date', () => {
    const plan = planActionReminder(withAction(action({ owner: 'acc-devon-oncall' })), 'a1', 'SHOP-9', false, '2026-12-01');
    expect(plan?.recipients).toEqual(['acc-devon-oncall']);
    expect(plan?.claim).toMatch(/:a1:2026-11-01$/);
  });
});
