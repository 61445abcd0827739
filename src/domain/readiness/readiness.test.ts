import { describe, expect, it } from 'vitest';

import { EMPTY_REPORT_FIELDS } from '../../contract/report.contract';
import { DEFAULT_FIELD_RULES, DEFAULT_PROJECT_CONFIG, fieldRulesFor } from '../config/project-config';
import { generateReportFields } from '../report/testing/report.factory';
import { evaluateReadiness, missingFromReporter, type ReadinessInput } from './readiness';

const classification = { level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', classifiedBy: 'acc-t', classifiedAt: '2026-11-20T09:00:00.000Z' } as const;

const input = (overrides: Partial<ReadinessInput> = {}): ReadinessInput => ({
  fields: generateReportFields(),
  rules: DEFAULT_FIELD_RULES,
  reporterSeverity: 'major',
  classification,
  manualItems: [],
  manualChecks: {},
  ...overrides,
});

describe('evaluateReadiness', () => {
  it('is Ready when every required field is substantive, severity is picked and the issue is classified', () => {
    const readiness = evaluateReadiness(input());

    expect(readiness.ready).toBe(true);
    expect(readiness.items.every((item) => item.met)).toBe(true);
  });

  it('lists exactly what is missing, field by field, with the reason', () => {
    const readiness = evaluateReadiness(input({ fields: { ...generateReportFields(), environment: '', actualResult: 'see above' }, reporterSeverity: undefined, classification: null }));

    expect(readiness.ready).toBe(false);
    expect(readiness.items.filter((item) => !item.met).map((item) => [item.id, item.detail])).toEqual([
      ['field:actualResult', 'What actually happens says only “see above”, which tells a developer nothing. Say what you saw: the exact error text, the wrong value, or how long it hung.'],
      ['field:environment', 'Environment is empty. Say which environment (production, staging…), which app version and which browser or device.'],
      ['severity-picked', 'Pick the severity: what response do you want from us?'],
      ['classified', 'The triager has not classified the issue yet.'],
    ]);
  });

  it('asks for the workaround once the reporter says one exists', () => {
    const readiness = evaluateReadiness(input({ fields: generateReportFields({ workaround: 'yes', workaroundDescription: '' }) }));

    expect(readiness.items.find((item) => item.id === 'field:workaroundDescription')).toMatchObject({ met: false, detail: 'You said a workaround exists. Say how users can get their work done meanwhile, step by step.' });
  });

  it('ignores hidden and optional fields', () => {
    const rules = { ...DEFAULT_FIELD_RULES, environment: 'hidden', customers: 'optional' } as const;

    expect(evaluateReadiness(input({ rules, fields: generateReportFields({ environment: '', customers: '' }) })).ready).toBe(true);
  });

  it('applies the issue type’s own rules (support requests need no steps)', () => {
    const rules = fieldRulesFor(DEFAULT_PROJECT_CONFIG, 'Support request');

    expect(evaluateReadiness(input({ rules, fields: generateReportFields({ stepsToReproduce: '', expectedResult: '' }) })).ready).toBe(true);
  });

  it('requires a note on manual items that ask for one', () => {
    const manualItems = [{ id: 'repro', label: 'Reproduced internally', needsNote: true }];
    const unticked = evaluateReadiness(input({ manualItems }));
    const noNote = evaluateReadiness(input({ manualItems, manualChecks: { repro: { checked: true, note: '', by: 'a', at: '2026-11-20T09:00:00.000Z' } } }));
    const done = evaluateReadiness(input({ manualItems, manualChecks: { repro: { checked: true, note: 'https://x.example', by: 'a', at: '2026-11-20T09:00:00.000Z' } } }));

    expect([unticked.ready, noNote.ready, done.ready]).toEqual([false, false, true]);
  });

  it('splits what the reporter owes from what the triager owes', () => {
    const readiness = evaluateReadiness(input({ fields: EMPTY_REPORT_FIELDS, reporterSeverity: undefined, classification: null }));

    expect(missingFromReporter(readiness).map((item) => item.id)).not.toContain('classified');
    expect(missingFromReporter(readiness).map((item) => item.id)).toContain('severity-picked');
  });
});
