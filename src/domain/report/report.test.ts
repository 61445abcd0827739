import { describe, expect, it } from 'vitest';

import { FIELD_ADVICE } from '../../contract/report-answers';
import { ENTITY_PROPERTY_MAX_CHARS, EMPTY_REPORT_FIELDS } from '../../contract/report.contract';
import { DEFAULT_SEVERITY_SCALE } from '../../contract/severity.contract';
import { DEFAULT_FIELD_RULES } from '../config/project-config';
import {
  accountsMentionedIn,
  applyClassification,
  applyManualCheck,
  applyReportEdit,
  applySendBack,
  applySeverityDecision,
  closeSendBack,
  completesSendBack,
  decidedSeverityOf,
  describeRejection,
  measureStoredSize,
  migrateStoredReport,
  readinessOf,
  reporterSeverityOf,
  waitingSeconds,
} from './report';
import { generateReportFields, generateStoredReport } from './testing/report.factory';

const meta = { accountId: 'acc-dev', now: '2026-11-20T09:30:00.000Z' };
const context = {
  rules: DEFAULT_FIELD_RULES,
  manualItems: [{ id: 'reproduced-internally', label: 'Reproduced internally', needsNote: true }],
  scale: DEFAULT_SEVERITY_SCALE,
};
const triager = { accountId: 'acc-triager', displayName: 'Devon Park' };

describe('applyReportEdit', () => {
  it('creates revision 1 from an issue without a report', () => {
    const outcome = applyReportEdit(null, { fields: generateReportFields() }, 0, meta, context);

    expect(outcome).toMatchObject({ ok: true, report: { schemaVersion: 2, revision: 1, updatedAt: meta.now, updatedBy: 'acc-dev', severityHistory: [] } });
  });

  it('records the reporter’s severity pick once, with who and when', () => {
    const first = applyReportEdit(null, { fields: generateReportFields(), reporterSeverity: 'major' }, 0, meta, context);
    if (!first.ok) throw new Error('first save failed');
    const again = applyReportEdit(first.report, { fields: generateReportFields(), reporterSeverity: 'major' }, 1, meta, context);

    expect(again.ok && again.report.severityHistory).toEqual([{ kind: 'reporter-pick', level: 'major', levelName: 'Major', by: 'acc-dev', at: meta.now }]);
    expect(again.ok && again.report.search.reporterSeverity).toBe('major');
  });

  it('rejects a severity that is not on the scale', () => {
    const outcome = applyReportEdit(null, { fields: generateReportFields(), reporterSeverity: 'apocalyptic' }, 0, meta, context);

    expect(outcome).toMatchObject({ ok: false, rejection: { kind: 'invalid', field: 'reporterSeverity' } });
  });

  it('rejects a save based on an older revision and hands back the newer report', () => {
    const current = generateStoredReport({ revision: 3 });
    const outcome = applyReportEdit(current, { fields: generateReportFields() }, 2, meta, context);

    expect(outcome).toEqual({ ok: false, rejection: { kind: 'conflict', current } });
  });

  it('rejects a report whose JSON would exceed the entity property limit and names the longest field', () => {
    const outcome = applyReportEdit(null, { fields: generateReportFields({ actualResult: 'x'.repeat(ENTITY_PROPERTY_MAX_CHARS - 200) }) }, 0, meta, context);

    expect(outcome).toMatchObject({ ok: false, rejection: { kind: 'too-large', field: 'actualResult', limit: ENTITY_PROPERTY_MAX_CHARS } });
    if (!outcome.ok) expect(describeRejection(outcome.rejection)).toMatch(/^What actually happens is too long/);
  });

  it('counts escaped characters the way Jira counts the stored JSON', () => {
    const quotes = '"'.repeat(ENTITY_PROPERTY_MAX_CHARS / 2);
    expect(applyReportEdit(null, { fields: generateReportFields({ stepsToReproduce: quotes }) }, 0, meta, context).ok).toBe(false);
    expect(measureStoredSize(quotes)).toBe(ENTITY_PROPERTY_MAX_CHARS + 2);
  });

  it('indexes customer, product and readiness for JQL', () => {
    const outcome = applyReportEdit(null, { fields: generateReportFields({ customers: 'Acme Retail', product: 'Checkout' }), reporterSeverity: 'critical' }, 0, meta, context);

    expect(outcome.ok && outcome.report.search).toEqual({ reporterSeverity: 'critical', customer: 'Acme Retail', product: 'Checkout', ready: 'no', waitingForReporter: 'no' });
  });
});

describe('applySeverityDecision', () => {
  const picked = applyReportEdit(null, { fields: generateReportFields(), reporterSeverity: 'critical' }, 0, meta, context);
  if (!picked.ok) throw new Error('setup failed');

  it('accepts agreeing with the reporter without a reason', () => {
    const outcome = applySeverityDecision(picked.report, { level: 'critical', reason: '' }, 1, { ...meta, accountId: 'acc-triager' }, context);

    expect(outcome.ok && decidedSeverityOf(outcome.report)).toEqual({ kind: 'decision', level: 'critical', levelName: 'Critical', by: 'acc-triager', at: meta.now });
  });

  it('demands a reason to decide another level than the reporter picked', () => {
    const outcome = applySeverityDecision(picked.report, { level: 'medium', reason: 'meh' }, 1, meta, context);

    expect(outcome).toMatchObject({ ok: false, rejection: { kind: 'invalid', field: 'reason' } });
    if (!outcome.ok) expect(describeRejection(outcome.rejection)).toContain('reporter’s pick');
  });

  it('keeps both values, who decided, when and why, as a history', () => {
    const outcome = applySeverityDecision(picked.report, { level: 'medium', reason: 'Only one tenant, and a workaround exists' }, 1, meta, context);

    expect(outcome.ok && outcome.report.severityHistory.map((event) => [event.kind, event.level, event.reason])).toEqual([
      ['reporter-pick', 'critical', undefined],
      ['decision', 'medium', 'Only one tenant, and a workaround exists'],
    ]);
    expect(outcome.ok && [reporterSeverityOf(outcome.report), outcome.report.search.decidedSeverity]).toEqual(['critical', 'medium']);
  });
});

describe('Definition of Ready through the report', () => {
  const base = () => {
    const edited = applyReportEdit(null, { fields: generateReportFields(), reporterSeverity: 'major' }, 0, meta, context);
    if (!edited.ok) throw new Error('setup failed');
    return edited.report;
  };

  it('becomes ready once classified and the manual item is ticked with a note', () => {
    const classified = applyClassification(base(), { level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap' }, 1, meta, context);
    if (!classified.ok) throw new Error('classify failed');
    expect(classified.report.search.ready).toBe('no');

    const checked = applyManualCheck(classified.report, { itemId: 'reproduced-internally', checked: true, note: 'https://wiki.example/repro-42' }, 2, meta, context);

    expect(checked.ok && checked.report.search).toMatchObject({ ready: 'yes', kind: 'defect', classOfService: 'bug-asap' });
  });

  it('refuses to tick an item that needs a note without one', () => {
    const outcome = applyManualCheck(base(), { itemId: 'reproduced-internally', checked: true, note: '  ' }, 1, meta, context);

    expect(outcome).toMatchObject({ ok: false, rejection: { kind: 'invalid', field: 'note' } });
  });

  it('refuses an item the project does not have', () => {
    expect(applyManualCheck(base(), { itemId: 'made-up', checked: true, note: '' }, 1, meta, context)).toMatchObject({ ok: false, rejection: { field: 'itemId' } });
  });
});

describe('send back and return', () => {
  const incomplete = () => {
    const edited = applyReportEdit(null, { fields: { ...EMPTY_REPORT_FIELDS, stepsToReproduce: 'n/a' } }, 0, { ...meta, accountId: 'acc-reporter' }, context);
    if (!edited.ok) throw new Error('setup failed');
    return edited.report;
  };

  it('records what was missing and who had the issue, and starts the waiting clock', () => {
    const outcome = applySendBack(incomplete(), { assignee: triager, status: 'Accepted' }, 1, meta, context);
    if (!outcome.ok) throw new Error(describeRejection(outcome.rejection));

    const sendBack = outcome.report.sendBacks[0];
    expect(sendBack).toMatchObject({ sentBy: 'acc-dev', previousAssignee: 'acc-triager', previousAssigneeName: 'Devon Park', previousStatus: 'Accepted' });
    expect(sendBack?.missing).toContain(`Steps to reproduce says only “n/a”, which tells a developer nothing. ${FIELD_ADVICE.stepsToReproduce}`);
    expect(sendBack?.missing).toContain('Pick the severity: what response do you want from us?');
    expect(outcome.report.search.waitingForReporter).toBe('yes');
    expect(waitingSeconds(outcome.report, '2026-11-20T10:30:00.000Z')).toBe(3600);
  });

  it('does not send back twice while the reporter is still answering', () => {
    const sent = applySendBack(incomplete(), { assignee: null, status: 'New' }, 1, meta, context);
    if (!sent.ok) throw new Error('setup failed');

    expect(applySendBack(sent.report, { assignee: null, status: 'New' }, 2, meta, context)).toMatchObject({ ok: false, rejection: { kind: 'invalid' } });
  });

  it('refuses to send back a report the reporter has completed', () => {
    const complete = applyReportEdit(null, { fields: generateReportFields(), reporterSeverity: 'minor' }, 0, meta, context);
    if (!complete.ok) throw new Error('setup failed');

    expect(applySendBack(complete.report, { assignee: null, status: 'New' }, 1, meta, context)).toMatchObject({ ok: false, rejection: { kind: 'invalid' } });
  });

  it('notices when the reporter completes the report, and closes the waiting interval', () => {
    const sent = applySendBack(incomplete(), { assignee: triager, status: 'Accepted' }, 1, meta, context);
    if (!sent.ok) throw new Error('setup failed');
    const completed = applyReportEdit(sent.report, { fields: generateReportFields(), reporterSeverity: 'major' }, 2, { accountId: 'acc-reporter', now: '2026-11-20T11:30:00.000Z' }, context);
    if (!completed.ok) throw new Error('complete failed');

    expect(completesSendBack(completed.report, context)).toBe(true);
    const closed = closeSendBack(completed.report, { accountId: 'acc-reporter', now: '2026-11-20T11:30:00.000Z' }, context);
    expect(closed.ok && closed.report.sendBacks[0]?.returnedAt).toBe('2026-11-20T11:30:00.000Z');
    expect(closed.ok && waitingSeconds(closed.report, '2026-11-21T00:00:00.000Z')).toBe(2 * 3600);
    expect(closed.ok && closed.report.search.waitingForReporter).toBe('no');
  });
});

describe('migrateStoredReport', () => {
  it('reads the first stored shape into the current one, keeping the steps', () => {
    const migrated = migrateStoredReport(
      { schemaVersion: 1, revision: 4, fields: { stepsToReproduce: 'old steps' }, updatedAt: meta.now, updatedBy: 'acc-old' },
      context,
    );

    expect(migrated).toMatchObject({ schemaVersion: 2, revision: 4, fields: { stepsToReproduce: 'old steps', actualResult: '' }, updatedBy: 'acc-old' });
  });

  it('refuses a value of unknown shape', () => {
    expect(migrateStoredReport({ schemaVersion: 9 }, context)).toBeUndefined();
    expect(migrateStoredReport('free text someone stored', context)).toBeUndefined();
  });
});

describe('accountsMentionedIn', () => {
  it('lists everyone who acted on the report once, without the previous assignee whose name is stored', () => {
    const report = generateStoredReport({
      severityHistory: [
        { kind: 'reporter-pick', level: 'critical', by: 'acc-reporter', at: meta.now },
        { kind: 'decision', level: 'major', by: 'acc-oncall', at: meta.now, reason: 'Checkout works with a saved card' },
      ],
      classification: { level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', classifiedBy: 'acc-lead', classifiedAt: meta.now },
      manualChecks: { 'reproduced-internally': { checked: true, note: 'https://wiki.example/repro', by: 'acc-qa', at: meta.now } },
      sendBacks: [{ sentAt: meta.now, sentBy: 'acc-oncall', missing: [], previousAssignee: 'acc-holder', previousAssigneeName: 'Holder', previousStatus: 'New' }],
      updatedBy: 'acc-reporter',
    });

    expect(accountsMentionedIn(report)).toEqual(['acc-reporter', 'acc-oncall', 'acc-lead', 'acc-qa']);
  });

  it('mentions nobody when there is no report', () => {
    expect(accountsMentionedIn(null)).toEqual([]);
  });
});

describe('readinessOf an alert’s incident (issue 17)', () => {
  it('counts the severity its source’s rule decided as picked, since no reporter picks one; a triager’s decision alone does not', () => {
    const report = generateStoredReport({ fields: generateReportFields() });
    const byRule = { ...report, severityHistory: [{ kind: 'decision' as const, level: 'major', levelName: 'Major', by: 'app', at: meta.now, rule: 'Pages are major' }] };
    const byTriager = { ...report, severityHistory: [{ kind: 'decision' as const, level: 'major', levelName: 'Major', by: 'acc-triager', at: meta.now }] };
    const picked = (subject: typeof report) => readinessOf(subject, context).items.find((item) => item.id === 'severity-picked')?.met;
    expect(picked(byRule)).toBe(true);
    expect(picked(byTriager)).toBe(false);
  });
});
