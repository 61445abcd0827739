import {
  DEFAULT_VALIDATOR_CONFIG as CONTRACT_DEFAULT_CONFIG,
  RELEASE_VEHICLES as CONTRACT_VEHICLES,
  RELEASE_VEHICLE_LABELS as CONTRACT_LABELS,
  policyLevelSchema,
  severityPolicySchema,
  type PolicyLevel,
} from '@contract/policy.contract';
import { severityLevelIdSchema } from '@contract/severity.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_POLICY } from '../../../src/domain/policy/presets';
import { DEFAULT_VALIDATOR_CONFIG, LEVEL_ID_MAX, LEVEL_ID_PATTERN, POLICY_LIMITS, RELEASE_VEHICLES, RELEASE_VEHICLE_LABELS } from './severity-policy';

const top = DEFAULT_POLICY.levels[0] as PolicyLevel;
const level = (overrides: Partial<PolicyLevel>) => policyLevelSchema.safeParse({ ...top, ...overrides }).success;

describe('copies of the policy contract (kept to keep zod out of the UI bundle)', () => {
  it('match the release vehicles, their labels and the default validator configuration', () => {
    expect(RELEASE_VEHICLE_LABELS).toEqual(CONTRACT_LABELS);
    expect(RELEASE_VEHICLES).toEqual(CONTRACT_VEHICLES);
    expect(DEFAULT_VALIDATOR_CONFIG).toEqual(CONTRACT_DEFAULT_CONFIG);
  });

  it('match the level limits at and just past each one', () => {
    const L = POLICY_LIMITS;
    expect(level({ name: 'x'.repeat(L.nameMax) })).toBe(true);
    expect(level({ name: 'x'.repeat(L.nameMax + 1) })).toBe(false);
    expect(level({ definition: 'x'.repeat(L.definitionMin) })).toBe(true);
    expect(level({ definition: 'x'.repeat(L.definitionMin - 1) })).toBe(false);
    expect(level({ definition: 'x'.repeat(L.definitionMax + 1) })).toBe(false);
    expect(level({ examples: Array.from({ length: L.examplesMax }, () => 'e') })).toBe(true);
    expect(level({ examples: Array.from({ length: L.examplesMax + 1 }, () => 'e') })).toBe(false);
    expect(level({ examples: ['x'.repeat(L.exampleMax + 1)] })).toBe(false);
    expect(level({ response: 'x'.repeat(L.responseMax + 1) })).toBe(false);
    expect(level({ responseTargetMinutes: L.minutesMax })).toBe(true);
    expect(level({ responseTargetMinutes: L.minutesMax + 1 })).toBe(false);
    expect(level({ weeklyBudget: L.budgetMax })).toBe(true);
    expect(level({ weeklyBudget: L.budgetMax + 1 })).toBe(false);
    expect(level({ jiraPriority: 'x'.repeat(L.priorityMax + 1) })).toBe(false);
  });

  it('match the level count and the level id pattern', () => {
    const levels = (count: number) => Array.from({ length: count }, (_, n) => ({ ...top, id: `l${String(n)}`, name: `Level ${String(n)}` }));
    expect(severityPolicySchema.safeParse({ levels: levels(POLICY_LIMITS.levelsMin) }).success).toBe(true);
    expect(severityPolicySchema.safeParse({ levels: levels(POLICY_LIMITS.levelsMin - 1) }).success).toBe(false);
    expect(severityPolicySchema.safeParse({ levels: levels(POLICY_LIMITS.levelsMax + 1) }).success).toBe(false);
    for (const id of ['critical', 'a'.repeat(LEVEL_ID_MAX), 'a'.repeat(LEVEL_ID_MAX + 1), '-x', 'Sev1', 'p0']) {
      expect(LEVEL_ID_PATTERN.test(id)).toBe(severityLevelIdSchema.safeParse(id).success);
    }
  });
});
