import { describe, expect, it } from 'vitest';

import type { PostmortemEdit } from '../../contract/postmortem.contract';
import { applyEdit, newlyNamedOwners } from './edit';
import { generatePostmortem } from './testing/postmortem.factory';

const stored = generatePostmortem({ actions: [{ id: 'a1', title: 'Alert', owner: 'acc-devon-oncall', dueDate: null, question: 'detect', issueKey: 'SHOP-300' }] });

const editOf = (changes: Partial<PostmortemEdit>): PostmortemEdit => {
  const { title, severity, owner, incidents, artifacts, summary, customerImpact, impact, timeline, answers, actions, remediation } = stored;
  return { title, severity, owner, incidents, artifacts, summary, customerImpact, impact, timeline, answers, actions, remediation, ...changes };
};

describe('applyEdit', () => {
  it('takes only notes and hidden marks on entries built from Jira, and manual entries as written', () => {
    const [created, status] = stored.timeline;
    const manual = { id: 'manual-1', at: '2026-11-20T14:30:00.000Z', who: 'Ops', kind: 'manual' as const, issueKey: null, text: 'Rolled back', hidden: false, note: '' };

    const next = applyEdit(
      stored,
      editOf({
        timeline: [
          { ...created!, text: 'Invented', who: 'acc-sam-scrum', note: 'Seen first by support', hidden: true },
          { ...status!, kind: 'manual', text: 'Renamed as manual' },
          { id: 'SHOP-155:comment:1', at: '2026-11-20T14:10:00.000Z', who: 'acc-sam-scrum', kind: 'comment', issueKey: 'SHOP-155', text: 'Comment: forged', hidden: false, note: '' },
          manual,
        ],
      }),
    );

    expect(next.timeline).toEqual([{ ...created!, note: 'Seen first by support', hidden: true }, status!, manual]);
  });

  it('keeps an action’s stored issue key, sets none on a new action, and lets the client clear one', () => {
    const forged = applyEdit(stored, editOf({ actions: [{ ...stored.actions[0]!, issueKey: 'SHOP-1' }, { id: 'a2', title: 'New', owner: null, dueDate: null, question: 'react', issueKey: 'SHOP-2' }] }));
    const cleared = applyEdit(stored, editOf({ actions: [{ ...stored.actions[0]!, issueKey: null }] }));

    expect(forged.actions.map((action) => action.issueKey)).toEqual(['SHOP-300', null]);
    expect(cleared.actions[0]?.issueKey).toBeNull();
  });
});

describe('newlyNamedOwners', () => {
  it('names only owners the stored postmortem did not have, with the field each is in', () => {
    const next = applyEdit(
      stored,
      editOf({
        owner: 'acc-sam-scrum',
        actions: [stored.actions[0]!, { id: 'a2', title: 'New', owner: 'acc-mia-dev', dueDate: null, question: 'react', issueKey: null }],
        remediation: [{ id: 'r1', title: 'Refund', owner: 'acc-rita-support', priority: 'high', done: false }],
      }),
    );

    expect(newlyNamedOwners(stored, next)).toEqual([
      { accountId: 'acc-sam-scrum', field: 'edit.owner', role: 'the owner of this postmortem', where: 'postmortem' },
      { accountId: 'acc-mia-dev', field: 'edit.actions.1.owner', role: 'the owner of action 2', where: 'backlog' },
    ]);
  });
});
