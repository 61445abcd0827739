import { describe, expect, it } from 'vitest';

import { DEFAULT_VALIDATOR_CONFIG } from '@contract/policy.values';
import { severityName } from '@contract/severity-names';
import { summarizeValidatorConfig } from './validator-config';

const withLevel = (assigneeAtOrAbove: string) => ({ ...DEFAULT_VALIDATOR_CONFIG, rules: { ...DEFAULT_VALIDATOR_CONFIG.rules, assigneeAtOrAbove } });

describe('the rule’s summary names its level, never by id', () => {
  it('by the policy’s name, or as no longer in the scale', () => {
    const scale = [
      { id: 'sev1', name: 'Sev1' },
      { id: 'sev2', name: 'Sev2' },
    ];
    expect(summarizeValidatorConfig(withLevel('sev2'), (id) => severityName(scale, id))).toContain('an assignee set from Sev2 up');
    expect(summarizeValidatorConfig(withLevel('major'), (id) => severityName(scale, id))).toContain('an assignee set from Major (no longer in the scale) up');
  });

  it('by a name made from the id while the policy is not known', () => {
    expect(summarizeValidatorConfig(withLevel('major'))).toContain('an assignee set from Major up');
    expect(summarizeValidatorConfig(withLevel('level-5'))).toContain('an assignee set from Level 5 up');
  });
});
