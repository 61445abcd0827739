import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useEffect, useState } from 'react';

import { nameFromLevelId, severityName } from '@contract/severity-names';
import { ClosingCoverage, type CoverageLoad } from './ClosingCoverage';
import { readValidatorConfig, summarizeValidatorConfig } from './validator-config';

/** What the backend does without usable settings (`UNCONFIGURED_VALIDATOR_CONFIG`), in the rule list's words. */
const UNCONFIGURED = 'it only asks production issues for a severity, and lets the transition through when Firebreak cannot decide';
const NO_SETTINGS = `No settings yet: ${UNCONFIGURED}. Choose its rules in Jira’s new workflow editor.`;
const DAMAGED = `This rule’s settings could not be read, so ${UNCONFIGURED}. Edit the rule in Jira’s new workflow editor and save it again.`;

type Levels = ReadonlyArray<{ readonly id: string; readonly name: string }>;

/**
 * The rule as the transition's list of validators shows it (`severity-policy-validator`, entry point
 * `view`). A level reads by the site policy's name once `levelsLoad` answers; until then, or when it
 * cannot be read, by a name made from its id (never the bare id).
 */
export default function ValidatorSummary({
  rawConfig,
  levelsLoad,
  coverageLoad,
}: {
  readonly rawConfig: string | undefined;
  readonly levelsLoad?: Promise<ResolverResult<PolicyView>>;
  /** The workflow's other closing transitions without the postmortem rule, shown when this rule requires one. */
  readonly coverageLoad?: CoverageLoad | undefined;
}) {
  const [levels, setLevels] = useState<Levels | null>(null);
  useEffect(() => {
    let current = true;
    void levelsLoad?.then((result) => {
      if (current && result.ok) setLevels(result.data.policy.levels);
    });
    return () => {
      current = false;
    };
  }, [levelsLoad]);
  const { config, damaged } = readValidatorConfig(rawConfig);
  const levelName = (id: string): string => (levels === null ? nameFromLevelId(id) : severityName(levels, id));
  const text = rawConfig === undefined || rawConfig.trim() === '' ? NO_SETTINGS : damaged ? DAMAGED : summarizeValidatorConfig(config, levelName);
  return (
    <div className="fb-validator-summary">
      <p className="fb-text">{text}</p>
      {!damaged && config.rules.postmortemPublished === true && coverageLoad !== undefined ? <ClosingCoverage load={coverageLoad} /> : null}
    </div>
  );
}
