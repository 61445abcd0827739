import type { SeverityPolicy } from '../../contract/policy.contract';
import { DEFAULT_POLICY } from './presets';

export type PolicySource = 'project' | 'site' | 'default';

/**
 * The policy in force for a project's issues: the project's own, else the site's, else Firebreak's
 * default. Everything that judges or names a severity (panels, validator, trigger, gadget,
 * postmortems) goes by this one choice.
 */
export const effectivePolicy = (project: SeverityPolicy | null, site: SeverityPolicy | null): { readonly policy: SeverityPolicy; readonly source: PolicySource } => {
  if (project !== null) return { policy: project, source: 'project' };
  if (site !== null) return { policy: site, source: 'site' };
  return { policy: DEFAULT_POLICY, source: 'default' };
};
