import { readValidatorConfig, summarizeValidatorConfig } from './validator-config';

const DAMAGED = 'This rule’s configuration could not be read, so it blocks every transition. Edit the rule and save it again.';

/** The rule as the transition's list of validators shows it (`severity-policy-validator`, entry point `view`). */
export default function ValidatorSummary({ rawConfig }: { readonly rawConfig: string | undefined }) {
  const { config, damaged } = readValidatorConfig(rawConfig);
  return (
    <div className="fb-validator-summary">
      <p className="fb-text">{damaged ? DAMAGED : summarizeValidatorConfig(config)}</p>
    </div>
  );
}
