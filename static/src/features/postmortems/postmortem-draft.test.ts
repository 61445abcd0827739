import { postmortemEditSchema, savePostmortemPayloadSchema } from '@contract/postmortem.contract';
import { describe, expect, it } from 'vitest';

import { generatePostmortem } from '../../../../src/domain/postmortem/testing/postmortem.factory';
import {
  DRAFT_COPY,
  INCIDENT_COPY,
  MAX_INCIDENTS,
  addManualEntry,
  draftOf,
  draftToEdit,
  isDraftDirty,
  linkIncident,
  newAction,
  newItemId,
  newRemediation,
  removeAt,
  replaceAt,
  sortTimeline,
  unlinkIncident,
  updateEntry,
} from './postmortem-draft';

const saved = generatePostmortem();

describe('draftOf ⇄ draftToEdit', () => {
  it('shows the impact times as wall clock in the postmortem’s zone', () => {
    const draft = draftOf(saved);
    expect(draft.timeZone).toBe('Europe/Berlin');
    expect(draft.times).toEqual({ started: '2026-11-20T15:00', detected: '2026-11-20T15:12', mitigated: '2026-11-20T15:42', resolved: '2026-11-20T16:30' });
    expect(draft.usersAffected).toBe('1200');
    expect(isDraftDirty(draft, saved)).toBe(false);
  });

  it('round-trips an untouched postmortem to an edit the contract accepts', () => {
    const result = draftToEdit(draftOf(saved));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(postmortemEditSchema.parse(result.edit)).toEqual(result.edit);
    expect(savePostmortemPayloadSchema.safeParse({ id: saved.id, edit: result.edit, baseRevision: saved.revision }).success).toBe(true);
    expect(result.edit.impact).toEqual({ ...saved.impact, started: '2026-11-20T14:00:00Z', detected: '2026-11-20T14:12:00Z', mitigated: '2026-11-20T14:42:00Z', resolved: '2026-11-20T15:30:00Z' });
    expect(result.edit.actions).toEqual(saved.actions);
  });

  it('reads the times in a newly chosen zone and turns blanks into null', () => {
    const draft = { ...draftOf(saved), timeZone: 'America/New_York', times: { started: '2026-11-20T09:00', detected: '', mitigated: '', resolved: '' }, usersAffected: ' ' };
    const result = draftToEdit(draft);
    expect(result.ok && result.edit.impact).toEqual({ started: '2026-11-20T14:00:00Z', detected: null, mitigated: null, resolved: null, timeZone: 'America/New_York', usersAffected: null });
  });

  it('names each problem by the contract path, drops blank artifact rows, and trims', () => {
    const base = draftOf(saved);
    const result = draftToEdit({
      ...base,
      title: '  ',
      usersAffected: '12.5',
      artifacts: [...base.artifacts, { key: 'n1', label: '', url: '' }, { key: 'n2', label: 'Logs', url: 'ftp://x' }],
      actions: [{ ...newAction(base, 1), title: ' ' }],
      remediation: [{ ...newRemediation(base, 1), title: '' }],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        title: DRAFT_COPY.title,
        'impact.usersAffected': DRAFT_COPY.usersAffected,
        'artifacts.2.url': DRAFT_COPY.url,
        'actions.0.title': DRAFT_COPY.actionTitle,
        'remediation.0.title': DRAFT_COPY.remediationTitle,
      },
    });
    const ok = draftToEdit({ ...base, title: ' New title ', artifacts: [...base.artifacts, { key: 'n1', label: '', url: '' }] });
    expect(ok.ok && ok.edit.title).toBe('New title');
    expect(ok.ok && ok.edit.artifacts).toEqual(saved.artifacts);
  });

  it('sends blank owners and due dates as null', () => {
    const base = draftOf(saved);
    const result = draftToEdit({ ...base, actions: [{ ...newAction(base, 5), title: 'Alert' }], remediation: [{ ...newRemediation(base, 5), title: 'Refund' }] });
    expect(result.ok && result.edit.actions[0]).toMatchObject({ owner: null, dueDate: null, issueKey: null, question: 'prevent' });
    expect(result.ok && result.edit.remediation[0]).toMatchObject({ owner: null, priority: 'medium', done: false });
    expect(result.ok && postmortemEditSchema.safeParse(result.edit).success).toBe(true);
  });
});

describe('timeline edits', () => {
  it('sorts oldest first, keeping the order of entries at the same time', () => {
    const [t1, t2] = saved.timeline;
    if (t1 === undefined || t2 === undefined) throw new Error('factory');
    const same = { ...t1, id: 't3' };
    expect(sortTimeline([t2, t1, same]).map(({ id }) => id)).toEqual(['t1', 't3', 't2']);
  });

  it('adds a manual entry in the chosen zone, and refuses one without time or text', () => {
    const draft = draftOf(saved);
    const added = addManualEntry(draft, '2026-11-20T15:15', ' Rolled back ', 'acc-me', 1700000000000);
    expect(added?.timeline.map(({ id }) => id)).toEqual(['t1', 'manual-1700000000000', 't2']);
    expect(added?.timeline[1]).toEqual({ id: 'manual-1700000000000', at: '2026-11-20T14:15:00Z', who: 'acc-me', kind: 'manual', issueKey: null, text: 'Rolled back', hidden: false, note: '' });
    expect(addManualEntry(draft, '', 'x', 'acc-me', 1)).toBeNull();
    expect(addManualEntry(draft, '2026-11-20T15:15', '  ', 'acc-me', 1)).toBeNull();
  });

  it('hides an entry and notes it without rewriting it', () => {
    const draft = updateEntry(updateEntry(draftOf(saved), 't2', { hidden: true }), 't2', { note: 'Bot noise' });
    expect(draft.timeline[1]).toMatchObject({ id: 't2', hidden: true, note: 'Bot noise', text: 'Status New → In Progress' });
    expect(isDraftDirty(draft, saved)).toBe(true);
  });
});

describe('list helpers and ids', () => {
  it('replaces and removes by index', () => {
    expect(replaceAt([{ a: 1 }, { a: 2 }], 1, { a: 3 })).toEqual([{ a: 1 }, { a: 3 }]);
    expect(removeAt([1, 2, 3], 0)).toEqual([2, 3]);
  });

  it('makes unique ids the createActionIssue payload accepts', () => {
    const first = newItemId('a', 1000, []);
    expect(first).toBe('a-rs');
    expect(newItemId('a', 1000, [{ id: first }])).toBe('a-rt');
  });
});

describe('linked incidents', () => {
  const base = draftOf(saved);
  const first = base.incidents[0] ?? '';

  it('links a key, uppercased and trimmed, and sends it with the edit', () => {
    const result = linkIncident(base, '  shop-12 ');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.incidents).toEqual([...base.incidents, 'SHOP-12']);
    expect(isDraftDirty(result.draft, saved)).toBe(true);
    const edit = draftToEdit(result.draft);
    expect(edit.ok && edit.edit.incidents).toEqual([...base.incidents, 'SHOP-12']);
    expect(edit.ok && postmortemEditSchema.safeParse(edit.edit).success).toBe(true);
  });

  it.each(['', 'SHOP', 'SHOP-0', 'SHOP-012', '1SHOP-3', 'SH OP-3', 'SHOP-3x', `${'A'.repeat(51)}-1`])('rejects %j', (input) => {
    expect(linkIncident(base, input)).toEqual({ ok: false, error: INCIDENT_COPY.key });
  });

  it('refuses duplicates and more than the limit', () => {
    expect(linkIncident(base, first.toLowerCase())).toEqual({ ok: false, error: INCIDENT_COPY.duplicate(first) });
    const full = { ...base, incidents: Array.from({ length: MAX_INCIDENTS }, (_x, n) => `OPS-${String(n + 1)}`) };
    expect(linkIncident(full, 'OPS-99')).toEqual({ ok: false, error: INCIDENT_COPY.tooMany });
  });

  it('unlinks any incident but the first', () => {
    const linked = linkIncident(base, 'SHOP-12');
    if (!linked.ok) throw new Error('expected a link');
    expect(unlinkIncident(linked.draft, 'SHOP-12').incidents).toEqual(base.incidents);
    expect(unlinkIncident(linked.draft, first)).toBe(linked.draft);
    expect(unlinkIncident(linked.draft, 'NOPE-1')).toBe(linked.draft);
  });
});
