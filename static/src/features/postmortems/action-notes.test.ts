import { describe, expect, it } from 'vitest';

import { decisionNote, verificationNote } from './action-notes';

/** fixes part (issue 15): the page and the print view word an action's decision and proof alike. */
const names: Readonly<Record<string, string>> = { 'acc-mia-dev': 'Mia Chen' };
const when = (iso: string) => `on ${iso.slice(0, 10)}`;
const at = '2026-11-20T14:12:00.000Z';

describe('decisionNote', () => {
  it.each([
    ['accepted, no reason', { decision: 'accepted', reason: '', by: 'acc-mia-dev', at }, 'Accepted by Mia Chen, on 2026-11-20'],
    ['deferred, with reason', { decision: 'deferred', reason: 'Next quarter', by: 'acc-mia-dev', at }, 'Deferred by Mia Chen, on 2026-11-20: Next quarter'],
    ['rejected by someone Jira gives no name for', { decision: 'rejected', reason: 'Duplicate', by: 'acc-gone', at }, 'Rejected by someone, on 2026-11-20: Duplicate'],
  ] as const)('%s', (_case, triage, expected) => {
    expect(decisionNote(triage, names, when)).toBe(expected);
  });
});

describe('verificationNote', () => {
  it.each([
    ['how and link', { how: 'Drill passed', link: 'https://ci.example/7', by: 'acc-mia-dev', at }, 'Verified by Mia Chen, on 2026-11-20: Drill passed'],
    ['link only', { how: '', link: 'https://ci.example/7', by: 'acc-mia-dev', at }, 'Verified by Mia Chen, on 2026-11-20'],
  ] as const)('%s', (_case, verification, expected) => {
    expect(verificationNote(verification, names, when)).toBe(expected);
  });
});
