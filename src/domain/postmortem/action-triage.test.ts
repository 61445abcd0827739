import { describe, expect, it } from 'vitest';

import type { ActionItem } from '../../contract/postmortem.contract';
import { actionExportNotes, stageOf, stampTriage, triageAction, verifyAction, whyNotFileable } from './action-triage';

const action = (changes: Partial<ActionItem> = {}): ActionItem => ({ id: 'a1', title: 'Alert per provider', owner: null, dueDate: null, question: 'detect', issueKey: null, ...changes });
const STAMP = { by: 'acc-devon-oncall', at: '2026-11-30T10:00:00.000Z' };
const OLD = { by: 'acc-mia-dev', at: '2026-11-01T10:00:00.000Z' };

describe('stageOf', () => {
  it.each([
    ['no decision and no issue', action(), 'proposed'],
    ['filed before triage existed', action({ issueKey: 'SHOP-9' }), 'accepted'],
    ['deferred', action({ triage: { decision: 'deferred', reason: 'Next quarter', ...OLD } }), 'deferred'],
  ] as const)('%s → %s', (_case, item, stage) => {
    expect(stageOf(item)).toBe(stage);
  });
});

describe('triageAction', () => {
  it.each([
    ['accepts without a reason', action(), 'accepted', '', true],
    ['refuses to defer without a reason', action(), 'deferred', '   ', false],
    ['rejects with a reason', action(), 'rejected', 'Duplicate of a2', true],
    ['refuses to reject a filed action', action({ issueKey: 'SHOP-9' }), 'rejected', 'Changed our mind', false],
  ] as const)('%s', (_case, item, decision, reason, ok) => {
    const ruled = triageAction(item, decision, reason, STAMP);
    expect(ruled.ok).toBe(ok);
    if (ruled.ok) expect(ruled.value.triage).toEqual({ decision, reason: reason.trim(), ...STAMP });
  });
});

describe('whyNotFileable', () => {
  it('files only accepted actions', () => {
    expect(whyNotFileable(action({ triage: { decision: 'accepted', reason: '', ...OLD } }))).toBeNull();
    expect(whyNotFileable(action())).toMatch(/^Accept this action first/);
    expect(whyNotFileable(action({ triage: { decision: 'rejected', reason: 'No', ...OLD } }))).toMatch(/is rejected/);
  });
});

describe('stampTriage', () => {
  it('stamps a changed decision as the caller’s, keeps an unchanged one, and never takes the client’s who and when', () => {
    const stored = [action({ id: 'a1', triage: { decision: 'accepted', reason: '', ...OLD } }), action({ id: 'a2' })];
    const forged = { by: 'acc-forged', at: '2000-01-01T00:00:00.000Z' };
    const next = [action({ id: 'a1', triage: { decision: 'accepted', reason: '', ...forged } }), action({ id: 'a2', triage: { decision: 'deferred', reason: 'After the migration', ...forged } })];

    const stamped = stampTriage(stored, next, STAMP);

    expect(stamped).toEqual({
      ok: true,
      value: [action({ id: 'a1', triage: { decision: 'accepted', reason: '', ...OLD } }), action({ id: 'a2', triage: { decision: 'deferred', reason: 'After the migration', ...STAMP } })],
    });
  });

  it('names the action a refused decision belongs to', () => {
    const stamped = stampTriage([], [action(), action({ id: 'a2', triage: { decision: 'rejected', reason: '', ...STAMP } })], STAMP);
    expect(stamped).toMatchObject({ ok: false, field: 'edit.actions.1.triage' });
  });
});

describe('verifyAction', () => {
  const filed = action({ issueKey: 'SHOP-9', triage: { decision: 'accepted', reason: '', ...OLD } });
  it.each([
    ['a sentence, issue done', filed, { how: 'Alert fired in the drill', link: null }, true, true],
    ['a link only', filed, { how: '', link: 'https://grafana.example/d/1' }, true, true],
    ['nothing said', filed, { how: '  ', link: null }, true, false],
    ['issue not done', filed, { how: 'Looks fine', link: null }, false, false],
    ['never filed', action(), { how: 'Looks fine', link: null }, true, false],
  ] as const)('%s', (_case, item, proof, done, ok) => {
    const ruled = verifyAction(item, proof, done, STAMP);
    expect(ruled.ok).toBe(ok);
    if (ruled.ok) expect(ruled.value.verification).toEqual({ how: proof.how.trim(), link: proof.link, ...STAMP });
  });
});

describe('actionExportNotes', () => {
  const format = { text: (text: string) => text.replace(/\*/g, '\\*'), link: (label: string, url: string) => `[${label}](${url})`, when: (iso: string) => iso.slice(0, 10) };
  const who = (accountId: string) => (accountId === 'acc-mia-dev' ? 'Mia Chen' : accountId);

  it('says the decision, why, and the proof, by name, with people’s text kept as text', () => {
    const notes = actionExportNotes(
      action({ issueKey: 'SHOP-9', triage: { decision: 'accepted', reason: '*Top* risk', ...OLD }, verification: { how: 'Drill passed', link: 'https://grafana.example/d/1', ...OLD } }),
      who,
      format,
    );
    expect(notes).toEqual(['  - Accepted by Mia Chen, 2026-11-01: \\*Top\\* risk', '  - Verified by Mia Chen, 2026-11-01: Drill passed — [https://grafana.example/d/1](https://grafana.example/d/1)']);
  });

  it('marks an undecided action as proposed', () => {
    expect(actionExportNotes(action(), who, format)).toEqual(['  - Proposed, not decided']);
  });
});
