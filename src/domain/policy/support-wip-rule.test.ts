import { describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG, type ValidatorConfig } from '../../contract/policy.contract';
import type { WipLimits } from '../../contract/project-config.contract';
import { DEFAULT_FIELD_RULES } from '../config/project-config';
import { startsWork, wipStandingOf } from '../config/wip-limits';
import { generateReportFields, generateStoredReport } from '../report/testing/report.factory';
import { readinessOf } from '../report/report';
import { DEFAULT_POLICY } from './presets';
import { MAX_VALIDATOR_MESSAGE, evaluateTransition, layoutRefusal, nameInProgress, type TransitionFacts, type WipFacts } from './transition-rules';

const WIP_ONLY: ValidatorConfig = { ...DEFAULT_VALIDATOR_CONFIG, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, severityPicked: false, supportWipLimits: true } };
const report = generateStoredReport({ fields: generateReportFields() });
const facts = (wip: WipFacts | undefined): TransitionFacts => ({
  report,
  readiness: readinessOf(report, { rules: DEFAULT_FIELD_RULES, manualItems: [] }),
  assigneeAccountId: 'acc-dev',
  verifiedByReporter: false,
  ...(wip === undefined ? {} : { wip }),
});
const issue = (n: number, summary = `Checkout fails for order ${String(n)}`) => ({ key: `SHOP-${String(n)}`, summary });
const emergencies = (limit: number, count: number): WipFacts => ({ classOfService: 'emergency', limit, others: Array.from({ length: count }, (_, i) => issue(i + 1)) });

describe('the support WIP limits rule', () => {
  it('lets work start under the limit', () => {
    expect(evaluateTransition(WIP_ONLY, DEFAULT_POLICY, facts(emergencies(3, 2)))).toEqual({ result: true });
  });

  it('refuses at the limit, naming what is in progress and what to do', () => {
    expect(evaluateTransition(WIP_ONLY, DEFAULT_POLICY, facts(emergencies(1, 1)))).toEqual({
      result: false,
      errorMessage: [
        'Emergency work in progress is at its limit of 1: SHOP-1 “Checkout fails for order 1” is in progress.',
        '• Finish it or move it out of In Progress first.',
        '• Or ask a project admin to raise the limit (Project settings → Firebreak → Support work in progress).',
      ].join('\n'),
    });
  });

  it('names at most three, then says how many more', () => {
    const verdict = evaluateTransition(WIP_ONLY, DEFAULT_POLICY, facts({ ...emergencies(2, 5), classOfService: 'bug-asap' }));
    expect(verdict).toMatchObject({ result: false });
    expect(!verdict.result && verdict.errorMessage.split('\n')[0]).toBe(
      'ASAP bug work in progress is at its limit of 2: SHOP-1 “Checkout fails for order 1”, SHOP-2 “Checkout fails for order 2”, SHOP-3 “Checkout fails for order 3” and 2 more are in progress.',
    );
  });

  it('is silent when no limit applies (no facts), or when the rule is off', () => {
    expect(evaluateTransition(WIP_ONLY, DEFAULT_POLICY, facts(undefined))).toEqual({ result: true });
    expect(evaluateTransition({ ...WIP_ONLY, rules: { ...WIP_ONLY.rules, supportWipLimits: false } }, DEFAULT_POLICY, facts(emergencies(1, 4)))).toEqual({ result: true });
  });

  it('becomes one line among the others when several rules fail', () => {
    const config: ValidatorConfig = { ...WIP_ONLY, rules: { ...WIP_ONLY.rules, reporterVerification: true } };
    const verdict = evaluateTransition(config, DEFAULT_POLICY, facts(emergencies(1, 1)));
    expect(!verdict.result && verdict.errorMessage.split('\n')).toEqual([
      'This issue needs 2 things before it can move on:',
      '• The reporter must verify the fix (the Verify transition) before this issue is closed.',
      '• Emergency work in progress is at its limit of 1 (SHOP-1 “Checkout fails for order 1” is in progress): finish or move one first, or ask a project admin to raise the limit.',
    ]);
  });
});

describe('nameInProgress', () => {
  it.each([
    [[issue(1)], 'SHOP-1 “Checkout fails for order 1”'],
    [[issue(1), issue(2)], 'SHOP-1 “Checkout fails for order 1” and SHOP-2 “Checkout fails for order 2”'],
    [[issue(7, '')], 'SHOP-7'],
    [[issue(7, `  ${'x'.repeat(200)}\n`)], `SHOP-7 “${'x'.repeat(59)}…”`],
  ])('%j → %s', (items, expected) => {
    expect(nameInProgress(items)).toBe(expected);
  });
});

describe('layoutRefusal', () => {
  it('keeps a single step a plain sentence', () => {
    expect(layoutRefusal(null, ['Pick a severity first.'])).toBe('Pick a severity first.');
  });

  it('stays within the message limit, summing up the steps it leaves out', () => {
    const steps = Array.from({ length: 40 }, (_, i) => `Reproduced internally on environment number ${String(i)} with a link to it.`);
    const message = layoutRefusal('This issue is not Ready.', steps);
    expect(message.length).toBeLessThanOrEqual(MAX_VALIDATOR_MESSAGE);
    expect(message.split('\n').at(-1)).toMatch(/^• And \d+ more: see the Firebreak panels on the issue\.$/);
  });
});

describe('wipStandingOf', () => {
  const limits: WipLimits = { limits: { emergency: 2, 'bug-asap': 3 }, topSeverityExempt: true };
  const subject = { classOfService: 'emergency' as const, decidedLevel: 'major', topLevel: 'critical' };

  it.each([
    ['no settings', undefined, subject, { kind: 'unlimited' }],
    ['not classified', limits, { ...subject, classOfService: undefined }, { kind: 'unlimited' }],
    ['a class without a limit', limits, { ...subject, classOfService: 'bug-next-major' as const }, { kind: 'unlimited' }],
    ['a limited class', limits, subject, { kind: 'limited', classOfService: 'emergency', limit: 2 }],
    ['the decided top level, exempt', limits, { ...subject, decidedLevel: 'critical' }, { kind: 'exempt', classOfService: 'emergency', limit: 2 }],
    ['the top level when the project does not exempt it', { ...limits, topSeverityExempt: false }, { ...subject, decidedLevel: 'critical' }, { kind: 'limited', classOfService: 'emergency', limit: 2 }],
    ['only a reporter’s pick of the top level (no decision)', limits, { ...subject, decidedLevel: undefined }, { kind: 'limited', classOfService: 'emergency', limit: 2 }],
  ])('%s', (_name, settings, who, expected) => {
    expect(wipStandingOf(settings, who)).toEqual(expected);
  });
});

describe('startsWork', () => {
  it.each([
    ['new', 'indeterminate', true],
    ['done', 'indeterminate', true],
    [null, 'indeterminate', true],
    ['indeterminate', 'indeterminate', false],
    ['new', 'done', false],
    ['indeterminate', null, false],
  ])('%s → %s: %s', (from, to, expected) => {
    expect(startsWork(from, to)).toBe(expected);
  });
});
