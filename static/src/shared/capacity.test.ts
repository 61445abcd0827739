import { CAPACITY_MEASURES, gadgetConfigurationSchema, supportCriteriaSchema } from '@contract/capacity.contract';
import { CLASSES_OF_SERVICE, ISSUE_KINDS, TRIAGE_LABELS as CONTRACT_TRIAGE } from '@contract/report.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_SUPPORT_CRITERIA } from '../../../src/domain/capacity/capacity';
import {
  BUILT_IN_SUPPORT_CRITERIA,
  CAPACITY_LIMITS,
  CLASS_OF_SERVICE_OPTIONS,
  DEFAULT_GADGET_SETTINGS,
  ISSUE_KIND_OPTIONS,
  MEASURES,
  configurationToCompute,
  readGadgetConfiguration,
} from './capacity';

const valid = { boardId: 7, ...DEFAULT_GADGET_SETTINGS };

describe('copies of the capacity contract (kept to keep zod out of the UI bundle)', () => {
  it('lists the measures, kinds and classes of service with the contract ids and order', () => {
    expect(MEASURES.map((measure) => measure.id)).toEqual([...CAPACITY_MEASURES]);
    expect(ISSUE_KIND_OPTIONS.map((option) => option.id)).toEqual([...ISSUE_KINDS]);
    expect(CLASS_OF_SERVICE_OPTIONS.map((option) => option.id)).toEqual([...CLASSES_OF_SERVICE]);
    expect(ISSUE_KIND_OPTIONS.map((option) => option.label)).toEqual(ISSUE_KINDS.map((id) => CONTRACT_TRIAGE.kind[id]));
    expect(CLASS_OF_SERVICE_OPTIONS.map((option) => option.label)).toEqual(CLASSES_OF_SERVICE.map((id) => CONTRACT_TRIAGE.classOfService[id]));
  });

  it('starts from defaults the contract accepts once a board is chosen', () => {
    expect(gadgetConfigurationSchema.safeParse(valid).success).toBe(true);
    expect(supportCriteriaSchema.safeParse(BUILT_IN_SUPPORT_CRITERIA).success).toBe(true);
    expect(BUILT_IN_SUPPORT_CRITERIA).toEqual(DEFAULT_SUPPORT_CRITERIA);
  });

  it.each([
    ['trendSprints', CAPACITY_LIMITS.trendSprintsMin, CAPACITY_LIMITS.trendSprintsMax],
    ['planningSprints', CAPACITY_LIMITS.planningSprintsMin, CAPACITY_LIMITS.planningSprintsMax],
  ])('has the contract range of %s', (field, min, max) => {
    const parses = (value: number) => gadgetConfigurationSchema.safeParse({ ...valid, [field]: value }).success;
    expect([parses(min - 1), parses(min), parses(max), parses(max + 1)]).toEqual([false, true, true, false]);
  });

  it('has the contract limits of the support criteria', () => {
    const criteria = (overrides: object) => supportCriteriaSchema.safeParse({ ...BUILT_IN_SUPPORT_CRITERIA, ...overrides }).success;
    const many = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i));
    expect(criteria({ issueTypes: many(CAPACITY_LIMITS.issueTypesMax, String) })).toBe(true);
    expect(criteria({ issueTypes: many(CAPACITY_LIMITS.issueTypesMax + 1, String) })).toBe(false);
    expect(criteria({ issueTypes: ['x'.repeat(CAPACITY_LIMITS.issueTypeMax)] })).toBe(true);
    expect(criteria({ issueTypes: ['x'.repeat(CAPACITY_LIMITS.issueTypeMax + 1)] })).toBe(false);
    expect(criteria({ labels: many(CAPACITY_LIMITS.labelsMax, (i) => `l${String(i)}`) })).toBe(true);
    expect(criteria({ labels: many(CAPACITY_LIMITS.labelsMax + 1, (i) => `l${String(i)}`) })).toBe(false);
    expect(criteria({ labels: ['x'.repeat(CAPACITY_LIMITS.labelMax)] })).toBe(true);
    expect(criteria({ labels: ['x'.repeat(CAPACITY_LIMITS.labelMax + 1)] })).toBe(false);
    expect(criteria({ labels: ['two words'] })).toBe(false);
  });
});

describe('readGadgetConfiguration', () => {
  it('reads a new gadget’s empty configuration as the defaults without a board', () => {
    expect(readGadgetConfiguration({})).toEqual({ boardId: null, settings: DEFAULT_GADGET_SETTINGS, damaged: false });
    expect(readGadgetConfiguration(undefined)).toEqual({ boardId: null, settings: DEFAULT_GADGET_SETTINGS, damaged: false });
    expect(configurationToCompute(readGadgetConfiguration({}))).toBeNull();
  });

  it('reads back every configuration the contract accepts, unchanged', () => {
    const saved = { boardId: 3, sprint: 41, measure: 'points', trendSprints: 12, planningSprints: 1, criteria: { kinds: ['incident'], classesOfService: [], issueTypes: ['Bug'], labels: ['ops'] } };
    expect(gadgetConfigurationSchema.safeParse(saved).success).toBe(true);
    expect(configurationToCompute(readGadgetConfiguration(saved))).toEqual(saved);
    expect(readGadgetConfiguration(saved).damaged).toBe(false);
  });

  it('keeps what it can read of a damaged configuration and says so', () => {
    const read = readGadgetConfiguration({ boardId: 3, sprint: 'latest', measure: 'money', trendSprints: 40, planningSprints: 2.5, criteria: { kinds: ['outage'] } });
    expect(read).toEqual({ boardId: 3, settings: DEFAULT_GADGET_SETTINGS, damaged: true });
    expect(gadgetConfigurationSchema.safeParse(configurationToCompute(read)).success).toBe(true);
  });

  it('treats a board id that is not a positive whole number as no board', () => {
    expect(readGadgetConfiguration({ boardId: '3' })).toMatchObject({ boardId: null, damaged: true });
    expect(readGadgetConfiguration({ boardId: 0 })).toMatchObject({ boardId: null, damaged: true });
  });
});
