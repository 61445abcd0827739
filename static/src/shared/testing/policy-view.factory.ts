/** `generatePolicyView(overrides)` for the UI's unit tests: the site's view before anything is saved. */
import type { PolicyView } from '@contract/policy.contract';

import { DEFAULT_POLICY, POLICY_PRESETS } from '../../../../src/domain/policy/presets';

export const generatePolicyView = (overrides: Partial<PolicyView> = {}): PolicyView => ({
  scope: { kind: 'global' },
  version: 0,
  policy: DEFAULT_POLICY,
  source: 'default',
  canEdit: true,
  presets: POLICY_PRESETS.map(({ id, name, policy }) => ({ id, name, policy })),
  history: [],
  names: {},
  jiraPriorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
  budget: { levelName: 'Critical', used: 0, budget: 1, exceeded: false },
  usage: {},
  scaleChange: null,
  ...overrides,
});
