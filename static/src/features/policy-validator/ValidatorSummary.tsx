import { readValidatorConfig, summarizeValidatorConfig } from './validator-config';

/** What the backend does without usable settings (`UNCONFIGURED_VALIDATOR_CONFIG`), in the rule list's words. */
const UNCONFIGURED = 'it only asks production issues for a severity, and lets the transition through when Firebreak cannot decide';
const NO_SETTINGS = `No settings yet: ${UNCONFIGURED}. Choose its rules in Jira’s new workflow editor.`;
const DAMAGED = `This rule’s settings could not be read, so ${UNCONFIGURED}. Edit the rule in Jira’s new workflow editor and save it again.`;

/** The rule as the transition's list of validators shows it (`severity-policy-validator`, entry point `view`). */
export default function ValidatorSummary({ rawConfig }: { readonly rawConfig: string | undefined }) {
  const { config, damaged } = readValidatorConfig(rawConfig);
  const text = rawConfig === undefined || rawConfig.trim() === '' ? NO_SETTINGS : damaged ? DAMAGED : summarizeValidatorConfig(config);
  return (
    <div className="fb-validator-summary">
      <p className="fb-text">{text}</p>
    </div>
  );
}
