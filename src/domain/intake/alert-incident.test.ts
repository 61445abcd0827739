import { describe, expect, it } from 'vitest';

import { addFresh, applyFresh, commentDue, newAlertIncident, NO_FRESH, prefilledReport, resolvedNote, SETUP_DONE, type AlertIncident } from './alert-incident';
import type { IncomingAlert } from './incoming-alert';

const alert = (overrides: Partial<IncomingAlert> = {}): IncomingAlert => ({
  kind: 'alertmanager',
  fingerprint: 'fp-1',
  status: 'firing',
  title: 'Checkout errors',
  description: '5xx over budget',
  labels: {},
  startedAt: null,
  endedAt: null,
  link: 'https://prometheus.example/graph',
  hints: { environment: null, service: null, customer: null, severity: null },
  advisory: null,
  ...overrides,
});

let ids = 0;
const context = (now: string) => ({ now, commentIntervalMinutes: 60, newId: () => `note-${String((ids += 1))}` });

const open = (overrides: Partial<AlertIncident> = {}): AlertIncident => ({
  ...newAlertIncident('src', 'fp-1', alert()),
  seq: 1,
  phase: 'open',
  issue: { id: '10001', key: 'SHOP-1' },
  setup: SETUP_DONE,
  occurrences: 3,
  firstSeenAt: '2026-12-01T10:00:00.000Z',
  lastSeenAt: '2026-12-01T10:10:00.000Z',
  commentedOccurrences: 3,
  ...overrides,
});

const firings = (firings: number, at: string, resolvedAt: string | null = null) => ({ firings, firstAt: firings > 0 ? at : null, lastAt: firings > 0 ? at : null, resolvedAt });

describe('applyFresh', () => {
  it('wants an incident for the first firing, counting what came', () => {
    const record = { ...newAlertIncident('src', 'fp-1', alert()), fresh: firings(4, '2026-12-01T10:00:00.000Z') };
    const next = applyFresh(record, null, context('2026-12-01T10:00:01.000Z'));
    expect(next).toMatchObject({ phase: 'create', seq: 1, occurrences: 4, firstSeenAt: '2026-12-01T10:00:00.000Z', fresh: NO_FRESH, recurredFrom: null, setup: { report: false, linked: true } });
  });

  it('opens nothing for a resolution with no incident', () => {
    const record = { ...newAlertIncident('src', 'fp-1', alert()), fresh: firings(0, '', '2026-12-01T10:00:00.000Z') };
    expect(applyFresh(record, null, context('2026-12-01T10:00:01.000Z'))).toMatchObject({ phase: 'idle', fresh: NO_FRESH, notes: [] });
  });

  it('comments on the first repeat at once, then at most once per interval', () => {
    const first = applyFresh(open({ fresh: firings(2, '2026-12-01T10:20:00.000Z') }), 'open', context('2026-12-01T10:20:01.000Z'));
    expect(first.occurrences).toBe(5);
    expect(first.notes.map((note) => note.text)).toEqual(['The alert fired 2 more times since the last note (5 times since this issue opened), last at 10:20 UTC. Firebreak adds at most one such comment per interval; the Production report shows the running count.']);

    const within = applyFresh({ ...first, notes: [], fresh: firings(1, '2026-12-01T11:00:00.000Z') }, 'open', context('2026-12-01T11:00:00.000Z'));
    expect(within).toMatchObject({ occurrences: 6, lastSeenAt: '2026-12-01T11:00:00.000Z', notes: [] });

    const after = applyFresh({ ...within, fresh: firings(1, '2026-12-01T11:21:00.000Z') }, 'open', context('2026-12-01T11:21:00.000Z'));
    expect(after.notes).toHaveLength(1);
    expect(after.notes[0]?.text).toMatch(/^The alert fired 2 more times since the last note \(7 times/);
  });

  it('recurs after the incident was closed: a new one, linked to the old, counting afresh', () => {
    const next = applyFresh(open({ fresh: firings(1, '2026-12-02T08:00:00.000Z') }), 'closed', context('2026-12-02T08:00:01.000Z'));
    expect(next).toMatchObject({ phase: 'create', seq: 2, issue: null, recurredFrom: { key: 'SHOP-1' }, occurrences: 1, setup: { linked: false } });
  });

  it('opens a new one without a link when the incident is gone', () => {
    const next = applyFresh(open({ fresh: firings(1, '2026-12-02T08:00:00.000Z') }), 'gone', context('2026-12-02T08:00:01.000Z'));
    expect(next).toMatchObject({ phase: 'create', recurredFrom: null, setup: { linked: true } });
  });

  it('notes a resolution once, and not one that a later firing superseded', () => {
    const resolved = applyFresh(open({ latest: alert({ status: 'resolved', endedAt: '2026-12-01T10:30:00.000Z' }), fresh: firings(0, '', '2026-12-01T10:31:00.000Z') }), 'open', context('2026-12-01T10:31:00.000Z'));
    expect(resolved.notes.map((note) => note.text)).toEqual(['The alert resolved at 10:30 UTC (2026-12-01), says Alertmanager. The issue stays open for people to close.']);
    const again = applyFresh({ ...resolved, notes: [], fresh: firings(0, '', '2026-12-01T10:31:00.000Z') }, 'open', context('2026-12-01T10:32:00.000Z'));
    expect(again.notes).toEqual([]);
    const stale = applyFresh(open({ fresh: firings(0, '', '2026-12-01T10:05:00.000Z') }), 'open', context('2026-12-01T10:32:00.000Z'));
    expect(stale.notes).toEqual([]);
  });

  it('leaves fresh firings waiting while the incident is being created', () => {
    const creating = { ...open({ phase: 'create', issue: null }), fresh: firings(2, '2026-12-01T10:20:00.000Z') };
    expect(applyFresh(creating, null, context('2026-12-01T10:20:00.000Z'))).toBe(creating);
  });
});

describe('addFresh', () => {
  it('adds counts and keeps the earliest first and the latest last', () => {
    expect(addFresh(firings(2, '2026-12-01T10:05:00.000Z'), { firings: 3, firstAt: '2026-12-01T10:01:00.000Z', lastAt: '2026-12-01T10:09:00.000Z', resolvedAt: null })).toEqual({
      firings: 5,
      firstAt: '2026-12-01T10:01:00.000Z',
      lastAt: '2026-12-01T10:09:00.000Z',
      resolvedAt: null,
    });
  });
});

describe('commentDue', () => {
  it('is due with no comment yet, and again only once the interval has passed', () => {
    expect(commentDue(null, '2026-12-01T10:00:00.000Z', 60)).toBe(true);
    expect(commentDue('2026-12-01T10:00:00.000Z', '2026-12-01T10:59:59.000Z', 60)).toBe(false);
    expect(commentDue('2026-12-01T10:00:00.000Z', '2026-12-01T11:00:00.000Z', 60)).toBe(true);
  });
});

describe('prefilledReport and notes', () => {
  it('fills what happens, environment, product, customers and the link; raised via monitoring', () => {
    const mapped = { severity: null, severityBy: null, product: 'checkout', environment: 'Production', customers: 'Northwind', matchedRules: [], notes: [] };
    expect(prefilledReport(alert(), mapped)).toEqual({ actualResult: 'Checkout errors\n\n5xx over budget', environment: 'Production', customers: 'Northwind', product: 'checkout', raisedVia: 'monitoring', links: ['https://prometheus.example/graph'] });
  });

  it('says security report for a finding, and the finding’s own words when it is fixed', () => {
    const finding = alert({ kind: 'dependabot', advisory: { cveId: 'CVE-2026-1', ghsaId: null, cvssScore: 9.8, packageName: 'pkg', ecosystem: 'npm', fixedVersion: '1.2.3' } });
    expect(prefilledReport(finding, { severity: null, severityBy: null, product: null, environment: null, customers: null, matchedRules: [], notes: [] }).raisedVia).toBe('security-report');
    expect(resolvedNote(finding, '2026-12-03T09:00:00.000Z')).toBe('GitHub Dependabot reports this finding fixed or dismissed at 09:00 UTC (2026-12-03). The issue stays open for people to close once the fix is verified.');
  });
});
