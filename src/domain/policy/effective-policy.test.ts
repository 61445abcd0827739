import { describe, expect, it } from 'vitest';

import type { SeverityPolicy } from '../../contract/policy.contract';
import { severityName } from '../../contract/severity-names';
import { effectivePolicy } from './effective-policy';
import { DEFAULT_POLICY, POLICY_PRESETS } from './presets';

const renamed = (policy: SeverityPolicy, id: string, name: string): SeverityPolicy => ({ levels: policy.levels.map((level) => (level.id === id ? { ...level, name } : level)) });
const sevScale = POLICY_PRESETS.find((preset) => preset.id === 'sev1-sev3')?.policy ?? DEFAULT_POLICY;

describe('effectivePolicy, and naming a level under it', () => {
  it('a project’s own policy overrides the site’s', () => {
    const site = renamed(DEFAULT_POLICY, 'critical', 'Site critical');
    const project = renamed(DEFAULT_POLICY, 'critical', 'Outage');
    const { policy, source } = effectivePolicy(project, site);
    expect(source).toBe('project');
    expect(severityName(policy.levels, 'critical')).toBe('Outage');
  });

  it('without a project policy the site’s names apply, and without either Firebreak’s default', () => {
    expect(severityName(effectivePolicy(null, renamed(DEFAULT_POLICY, 'major', 'Serious')).policy.levels, 'major')).toBe('Serious');
    expect(effectivePolicy(null, null)).toEqual({ policy: DEFAULT_POLICY, source: 'default' });
    expect(severityName(effectivePolicy(null, null).policy.levels, 'major')).toBe('Major');
  });

  it('a level the project’s scale does not have reads as no longer in the scale, even if the site has it', () => {
    const { policy } = effectivePolicy(sevScale, DEFAULT_POLICY);
    expect(severityName(policy.levels, 'major', 'Major')).toBe('Major (no longer in the scale)');
    expect(severityName(policy.levels, 'sev2')).toBe('Sev2');
  });
});
