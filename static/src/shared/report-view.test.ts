import { describe, expect, it } from 'vitest';

import { canSendBack, describePerson, formerLevelName, groupReadiness, manualItemIdOf, openSendBackOf, reporterMissingOf, severityPickRule, summarizeSeverity } from './report-view';
import { generateReport, generateView } from './testing/report-view.factory';

const sendBack = { sentAt: '2025-11-25T11:00:00.000Z', sentBy: 'acc-triager', missing: ['Environment is empty.'], previousAssignee: null, previousStatus: 'Triage' };

describe('summarizeSeverity', () => {
  it('shows the reporter’s pick alone until someone decides', () => {
    expect(summarizeSeverity(generateView())).toEqual({ reporter: 'Critical', decided: undefined, differs: false, reason: undefined });
  });

  it('shows the gap between the latest pick and the latest decision, with its reason', () => {
    const report = generateReport({
      severityHistory: [
        { kind: 'reporter-pick', level: 'critical', by: 'acc-reporter', at: '2025-11-25T09:00:00.000Z' },
        { kind: 'decision', level: 'critical', by: 'acc-triager', at: '2025-11-25T09:30:00.000Z' },
        { kind: 'decision', level: 'medium', by: 'acc-triager', at: '2025-11-25T10:00:00.000Z', reason: 'A workaround exists.' },
      ],
    });
    expect(summarizeSeverity(generateView({ report }))).toEqual({ reporter: 'Critical', decided: 'Medium', differs: true, reason: 'A workaround exists.' });
  });

  it('names a level the scale no longer has by its recorded name (else one made from its id), never the bare id; nothing without a report', () => {
    const recorded = generateReport({ severityHistory: [{ kind: 'reporter-pick', level: 'sev-0', levelName: 'Sev 0 – outage', by: 'a', at: '2025-11-25T09:00:00.000Z' }] });
    expect(summarizeSeverity(generateView({ report: recorded })).reporter).toBe('Sev 0 – outage (no longer in the scale)');
    const report = generateReport({ severityHistory: [{ kind: 'reporter-pick', level: 'sev-0', by: 'a', at: '2025-11-25T09:00:00.000Z' }] });
    expect(summarizeSeverity(generateView({ report })).reporter).toBe('Sev 0 (no longer in the scale)');
    expect(summarizeSeverity(generateView({ report: null })).reporter).toBeUndefined();
  });

  it('reads a renamed level by its new name, and keeps the name the history entry was made under', () => {
    const event = { kind: 'decision' as const, level: 'critical', levelName: 'Blocker', by: 'a', at: '2025-11-25T09:00:00.000Z' };
    const view = generateView({ report: generateReport({ severityHistory: [event] }) });
    expect(summarizeSeverity(view).decided).toBe('Critical');
    expect(formerLevelName(view.scale, event)).toBe('Blocker');
    expect(formerLevelName(view.scale, { ...event, levelName: 'Critical' })).toBeUndefined();
  });
});

describe('openSendBackOf', () => {
  it('finds the last send-back while it has not returned', () => {
    expect(openSendBackOf(generateReport({ sendBacks: [sendBack] }))).toEqual(sendBack);
    expect(openSendBackOf(generateReport({ sendBacks: [{ ...sendBack, returnedAt: '2025-11-25T12:00:00.000Z' }] }))).toBeUndefined();
    expect(openSendBackOf(null)).toBeUndefined();
  });
});

describe('describePerson', () => {
  it('names the viewer, the reporter and the assignee, and falls back to the account id', () => {
    const view = generateView();
    expect(describePerson('acc-triager', view)).toBe('You');
    expect(describePerson('acc-reporter', view)).toBe('Rita Reporter');
    expect(describePerson('acc-someone', view)).toBe('acc-someone');
  });

  it('names anyone else by the display name the backend looked up', () => {
    const view = generateView({ names: { 'acc-oncall': 'Devon Park' } });
    expect(describePerson('acc-oncall', view)).toBe('Devon Park');
    expect(describePerson('acc-someone', view)).toBe('acc-someone');
    expect(describePerson('constructor', view)).toBe('constructor');
  });
});

describe('readiness', () => {
  it('groups the items by who can make them true and counts what is missing', () => {
    const groups = groupReadiness(generateView().readiness.items);
    expect(groups.reporter.map((item) => item.id)).toEqual(['field:stepsToReproduce', 'field:environment', 'severity-picked']);
    expect(groups.triager.map((item) => item.id)).toEqual(['classified', 'manual:reproduced-internally']);
    expect(groups.missing).toBe(3);
  });

  it('lists only what the reporter still owes', () => {
    expect(reporterMissingOf(generateView()).map((item) => item.id)).toEqual(['field:environment']);
  });

  it('offers a send-back only to editors, when the reporter owes something and nothing is pending', () => {
    expect(canSendBack(generateView())).toBe(true);
    expect(canSendBack(generateView({ canEdit: false }))).toBe(false);
    expect(canSendBack(generateView({ viewer: { accountId: 'acc-editor', isReporter: false, isTriager: false, notTriagerReason: 'Only triagers can…' } }))).toBe(false);
    expect(canSendBack(generateView({ report: generateReport({ sendBacks: [sendBack] }) }))).toBe(false);
    const onlyTriager = generateView().readiness.items.map((item) => (item.owner === 'reporter' ? { ...item, met: true } : item));
    expect(canSendBack(generateView({ readiness: { ready: false, items: onlyTriager } }))).toBe(false);
  });

  it('recognises manual checklist items by their id', () => {
    const [first, , , , manual] = generateView().readiness.items;
    expect(first === undefined ? 'x' : manualItemIdOf(first)).toBeUndefined();
    expect(manual === undefined ? undefined : manualItemIdOf(manual)).toBe('reproduced-internally');
  });
});

describe('severityPickRule', () => {
  const viewer = (isReporter: boolean, isTriager: boolean) => ({ accountId: 'acc-x', isReporter, isTriager, notTriagerReason: isTriager ? null : 'Only triagers can…' });

  it('lets the reporter pick without a note', () => {
    expect(severityPickRule(generateView({ viewer: viewer(true, false) }))).toEqual({ canPick: true, note: null });
  });

  it('lets a triager pick for the reporter, and says it is recorded so', () => {
    expect(severityPickRule(generateView({ viewer: viewer(false, true) }))).toEqual({ canPick: true, note: expect.stringContaining('You pick for Rita Reporter') as unknown });
  });

  it('keeps anyone else from picking, naming who may', () => {
    expect(severityPickRule(generateView({ viewer: viewer(false, false) }))).toEqual({ canPick: false, note: 'Only Rita Reporter, who reported this issue, or a triager picks this severity.' });
  });
});
