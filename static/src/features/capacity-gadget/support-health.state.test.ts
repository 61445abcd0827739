import type { SupportHealthView } from '@contract/support-health.contract';
import { describe, expect, it } from 'vitest';

import { initialHealthState, reduceHealth } from './support-health.state';

const view = (name: string): SupportHealthView => ({
  board: { id: 1, name, projectKey: 'SHOP' },
  periodKind: 'sprint',
  aim: 0.95,
  empty: null,
  periods: [],
  overall: { met: 0, breached: 0, pending: 0, share: null },
  updates: { incidents: [], unlisted: 0, total: { incidents: 0, due: 0, onTime: 0, share: null } },
  vulnerabilities: { levels: [], total: { due: 0, onTime: 0, late: 0, openPastDue: 0, withoutWindow: 0, share: null }, overdue: [], unlisted: 0, jiraDueDateMoved: 0 },
  notes: [],
});
const failure = { ok: false as const, error: { code: 'JIRA_UNAVAILABLE' as const, message: 'Jira is busy. Try again in a minute.' } };

describe('reduceHealth', () => {
  it('shows the first answer, then keeps it on screen while reading again', () => {
    const ready = reduceHealth(reduceHealth(initialHealthState, { type: 'started', seq: 1 }), { type: 'answered', seq: 1, result: { ok: true, data: view('first') } });
    const refreshing = reduceHealth(ready, { type: 'started', seq: 2 });

    expect(refreshing).toMatchObject({ status: 'ready', refreshing: true, view: { board: { name: 'first' } } });
  });

  it('drops an answer to an overtaken request (a double click, a slow first answer)', () => {
    let state = reduceHealth(initialHealthState, { type: 'started', seq: 1 });
    state = reduceHealth(state, { type: 'started', seq: 2 });
    state = reduceHealth(state, { type: 'answered', seq: 2, result: { ok: true, data: view('second') } });
    state = reduceHealth(state, { type: 'answered', seq: 1, result: { ok: true, data: view('first') } });

    expect(state).toMatchObject({ status: 'ready', view: { board: { name: 'second' } } });
  });

  it('fails the first read, but a failed refresh keeps the figures with the failure above them', () => {
    expect(reduceHealth({ status: 'loading', seq: 1 }, { type: 'answered', seq: 1, result: failure })).toMatchObject({ status: 'failed' });
    const ready = reduceHealth({ status: 'loading', seq: 1 }, { type: 'answered', seq: 1, result: { ok: true, data: view('kept') } });
    const failed = reduceHealth(reduceHealth(ready, { type: 'started', seq: 2 }), { type: 'answered', seq: 2, result: failure });

    expect(failed).toMatchObject({ status: 'ready', refreshing: false, view: { board: { name: 'kept' } }, error: failure.error });
  });
});
