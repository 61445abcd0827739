import { describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type ValidatorConfig } from '../../contract/policy.contract';
import { DEFAULT_FIELD_RULES } from '../config/project-config';
import { generateReportFields, generateStoredReport } from '../report/testing/report.factory';
import { readinessOf } from '../report/report';
import { DEFAULT_POLICY } from './presets';
import { UNCONFIGURED_VALIDATOR_CONFIG, evaluateTransition, explainUnconfigured, undecidedVerdict, type TransitionFacts } from './transition-rules';

const context = { rules: DEFAULT_FIELD_RULES, manualItems: [] };
const rules = (overrides: Partial<ValidatorConfig['rules']>): ValidatorConfig => ({ ...DEFAULT_VALIDATOR_CONFIG, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, ...overrides } });

const facts = (overrides: Partial<TransitionFacts> = {}): TransitionFacts => {
  const report = overrides.report === undefined ? generateStoredReport({ fields: generateReportFields() }) : overrides.report;
  return { report, readiness: readinessOf(report, context), assigneeAccountId: 'acc-dev', verifiedByReporter: false, ...overrides };
};

const picked = (level: string) =>
  generateStoredReport({ severityHistory: [{ kind: 'reporter-pick', level, by: 'acc-rep', at: '2026-11-20T09:00:00.000Z' }] });

describe('evaluateTransition', () => {
  it('blocks a transition without a severity, saying where to pick one', () => {
    expect(evaluateTransition(rules({ severityPicked: true }), DEFAULT_POLICY, facts({ report: null }))).toEqual({
      result: false,
      errorMessage: 'Pick a severity in the Production report panel first.',
    });
  });

  it('allows it once the reporter picked one', () => {
    expect(evaluateTransition(rules({ severityPicked: true }), DEFAULT_POLICY, facts({ report: picked('major') }))).toEqual({ result: true });
  });

  it('needs a triager’s decision when confirmation is required', () => {
    expect(evaluateTransition(rules({ severityConfirmed: true }), DEFAULT_POLICY, facts({ report: picked('major') }))).toMatchObject({ result: false });
  });

  it('blocks on the Definition of Ready and lists what is missing', () => {
    const verdict = evaluateTransition(rules({ definitionOfReady: true }), DEFAULT_POLICY, facts({ report: picked('major') }));

    expect(verdict).toEqual({
      result: false,
      errorMessage: 'This issue is not Ready. Complete these first (see the Definition of Ready panel):\n• Classified by the triager (level, kind, class of service).',
    });
  });

  it('requires an assignee only at or above the chosen level', () => {
    const config = rules({ assigneeAtOrAbove: 'major' });

    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('critical'), assigneeAccountId: null }))).toMatchObject({ result: false, errorMessage: expect.stringContaining('Critical issues need an owner') as string });
    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('major'), assigneeAccountId: null }))).toMatchObject({ result: false });
    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('medium'), assigneeAccountId: null }))).toEqual({ result: true });
  });

  it('answers by the fail mode, saying why, when the scale no longer has the rule’s level', () => {
    const gone = (failMode: ValidatorConfig['failMode']): ValidatorConfig => ({ ...rules({ assigneeAtOrAbove: 'sev-2' }), failMode });

    expect(evaluateTransition(gone('closed'), DEFAULT_POLICY, facts({ report: picked('critical'), assigneeAccountId: null }))).toMatchObject({
      result: false,
      errorMessage: expect.stringContaining('this rule asks for an owner from Sev 2 (no longer in the scale) up, and the severity scale no longer has that level') as string,
    });
    expect(evaluateTransition(gone('open'), DEFAULT_POLICY, facts({ report: picked('critical'), assigneeAccountId: null }))).toEqual({ result: true });
    expect(evaluateTransition(gone('closed'), DEFAULT_POLICY, facts({ report: picked('critical'), assigneeAccountId: 'acc-1' }))).toEqual({ result: true });
  });

  it('uses the decided level over the reporter’s pick', () => {
    const report = generateStoredReport({
      severityHistory: [
        { kind: 'reporter-pick', level: 'critical', by: 'a', at: '2026-11-20T09:00:00.000Z' },
        { kind: 'decision', level: 'minor', by: 'b', at: '2026-11-20T09:05:00.000Z', reason: 'cosmetic only' },
      ],
    });

    expect(evaluateTransition(rules({ assigneeAtOrAbove: 'major' }), DEFAULT_POLICY, facts({ report, assigneeAccountId: null }))).toEqual({ result: true });
  });

  it('requires the reporter’s verification before closing when asked', () => {
    expect(evaluateTransition(rules({ reporterVerification: true }), DEFAULT_POLICY, facts())).toMatchObject({ result: false });
    expect(evaluateTransition(rules({ reporterVerification: true }), DEFAULT_POLICY, facts({ verifiedByReporter: true }))).toEqual({ result: true });
  });

  it('needs a published postmortem for levels whose policy requires one', () => {
    const config = rules({ postmortemPublished: true });

    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('critical'), postmortemStatus: null }))).toMatchObject({ result: false, errorMessage: expect.stringContaining('Critical issues need a published postmortem: start one') as string });
    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('critical'), postmortemStatus: 'in-review' }))).toMatchObject({ result: false, errorMessage: expect.stringContaining('still in review') as string });
    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('critical'), postmortemStatus: 'published' }))).toEqual({ result: true });
    expect(evaluateTransition(config, DEFAULT_POLICY, facts({ report: picked('minor'), postmortemStatus: null }))).toEqual({ result: true });
  });

  it('combines every failed rule into one message: a short lead, then one line per thing to do', () => {
    const verdict = evaluateTransition(rules({ severityPicked: true, reporterVerification: true }), DEFAULT_POLICY, facts({ report: null }));

    expect(verdict).toEqual({
      result: false,
      errorMessage: [
        'This issue needs 2 things before it can move on:',
        '• Pick a severity in the Production report panel first.',
        '• The reporter must verify the fix (the Verify transition) before this issue is closed.',
      ].join('\n'),
    });
  });
});

describe('undecidedVerdict', () => {
  it('fails closed by default with a sentence that says what to do', () => {
    expect(undecidedVerdict({ failMode: 'closed' }, 'Jira answered 500')).toMatchObject({ result: false, errorMessage: expect.stringMatching(/^Firebreak could not check the severity policy \(Jira answered 500\)\.\n• Try again in a minute\./) as string });
  });

  it('lets the transition through when the admin chose fail open', () => {
    expect(undecidedVerdict({ failMode: 'open' }, 'timeout')).toEqual({ result: true });
  });
});

describe('a rule without usable settings', () => {
  it('only asks for a severity, and lets the transition through when Firebreak cannot decide', () => {
    expect(evaluateTransition(UNCONFIGURED_VALIDATOR_CONFIG, DEFAULT_POLICY, facts({ report: picked('minor'), assigneeAccountId: null }))).toEqual({ result: true });
    expect(undecidedVerdict(UNCONFIGURED_VALIDATOR_CONFIG, 'Jira answered 500')).toEqual({ result: true });
  });

  it('says why it blocked, and that an admin should choose its rules', () => {
    const blocked = explainUnconfigured(evaluateTransition(UNCONFIGURED_VALIDATOR_CONFIG, DEFAULT_POLICY, facts({ report: null })), 'missing');
    expect(blocked).toMatchObject({ result: false, errorMessage: expect.stringMatching(/^Pick a severity in the Production report panel first\.\nThis Firebreak rule has no settings yet .* new workflow editor\.$/) as string });
    expect(explainUnconfigured({ result: true }, 'damaged')).toEqual({ result: true });
  });
});
