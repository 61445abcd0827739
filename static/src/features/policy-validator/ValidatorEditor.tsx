import type { PolicyView, ValidatorConfig } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useEffect, useId, useRef, useState } from 'react';

import { onConfigureRule } from '../../platform/workflow-rules';
import { Banner } from '../../ui/Banner';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { type ConfigCheck, readValidatorConfig, serializeValidatorConfig } from './validator-config';

export interface ValidatorEditorProps {
  /** `context.extension.validatorConfig`: absent on create. */
  readonly rawConfig: string | undefined;
  /** `policy/getSite`, sent by `routes.tsx` for the level names; Jira admins may read it. */
  readonly levelsLoad: Promise<ResolverResult<PolicyView>>;
}

type Levels = { readonly status: 'loading' } | { readonly status: 'ready'; readonly levels: ReadonlyArray<{ readonly id: string; readonly name: string }> } | { readonly status: 'failed' };

type RuleFlag = 'severityPicked' | 'severityConfirmed' | 'definitionOfReady' | 'reporterVerification' | 'postmortemPublished';

const DAMAGED = 'This rule’s saved configuration could not be read, so the form starts from Firebreak’s defaults. Check the rules, then save.';
const NOT_REGISTERED = 'Jira did not accept this form’s save handler, so saving may not keep these rules. Close the dialog and open it again.';

/**
 * The workflow rule editor (`severity-policy-validator`, entry points `create` and `edit`). Jira's
 * dialog owns the Save button: it calls the function registered with `onConfigureRule`, which
 * reads the latest form through a ref and returns the string to store, or `undefined` to refuse.
 */
export default function ValidatorEditor({ rawConfig, levelsLoad }: ValidatorEditorProps) {
  const id = useId();
  const [initial] = useState(() => readValidatorConfig(rawConfig));
  const [config, setConfig] = useState<ValidatorConfig>(initial.config);
  const [problem, setProblem] = useState<Extract<ConfigCheck, { ok: false }> | null>(null);
  const [registered, setRegistered] = useState(true);
  const [levels, setLevels] = useState<Levels>({ status: 'loading' });
  const configRef = useRef(config);
  configRef.current = config;

  useEffect(() => {
    let current = true;
    void onConfigureRule(() => {
      const checked = serializeValidatorConfig(configRef.current);
      setProblem(checked.ok ? null : checked);
      return checked.ok ? checked.value : undefined;
    }).then((ok) => {
      if (current) setRegistered(ok);
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    void levelsLoad.then((result) => {
      if (!current) return;
      setLevels(result.ok ? { status: 'ready', levels: result.data.policy.levels.map(({ id: levelId, name }) => ({ id: levelId, name })) } : { status: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [levelsLoad]);

  const update = (change: (rules: ValidatorConfig['rules']) => ValidatorConfig['rules']) => {
    setConfig((previous) => ({ ...previous, rules: change(previous.rules) }));
    setProblem(null);
  };
  const flag = (rule: RuleFlag, label: string) => (
    <label className="fb-choice fb-choice--wrap">
      <input type="checkbox" checked={config.rules[rule] === true} onChange={(event) => update((rules) => ({ ...rules, [rule]: event.target.checked }))} />
      <span>{label}</span>
    </label>
  );

  const level = config.rules.assigneeAtOrAbove;
  const rulesError = problem?.field === 'rules' ? problem.message : undefined;
  const levelError = problem?.field === 'assigneeAtOrAbove' ? problem.message : undefined;
  const firstLevel = levels.status === 'ready' ? (levels.levels[0]?.id ?? '') : '';

  return (
    <form className="fb-panel fb-validator" noValidate onSubmit={(event) => event.preventDefault()} aria-label="Firebreak severity policy rule">
      {initial.damaged ? <Banner tone="warning">{DAMAGED}</Banner> : null}
      {registered ? null : <Banner tone="error">{NOT_REGISTERED}</Banner>}
      <fieldset className="fb-fieldset" aria-invalid={rulesError !== undefined} aria-describedby={describedBy(`${id}-rules-help`, rulesError !== undefined && `${id}-rules-error`)}>
        <legend className="fb-label">Block the transition unless</legend>
        <p className="fb-helper" id={`${id}-rules-help`}>
          Tick the rules this transition checks, using the severity policy in Jira settings.
        </p>
        <div className="fb-validator__rules">
          {flag('severityPicked', 'Severity must be picked')}
          {flag('severityConfirmed', 'Decided severity must be confirmed by a triager')}
          {flag('definitionOfReady', 'Definition of Ready must be met')}
          <div className="fb-validator__assignee">
            <label className="fb-choice fb-choice--wrap">
              <input type="checkbox" checked={level !== null} onChange={(event) => update((rules) => ({ ...rules, assigneeAtOrAbove: event.target.checked ? firstLevel : null }))} />
              <span>Require an assignee at or above</span>
            </label>
            {level === null ? null : <LevelChoice id={id} levels={levels} value={level} error={levelError} onChange={(value) => update((rules) => ({ ...rules, assigneeAtOrAbove: value }))} />}
          </div>
          {flag('reporterVerification', 'Reporter must verify before closing (New → Accepted → Resolved → Verified → Closed)')}
          {flag('postmortemPublished', 'A published postmortem is required for levels whose policy requires one')}
        </div>
        <FieldError id={`${id}-rules-error`} message={rulesError} />
      </fieldset>
      <fieldset className="fb-fieldset" role="radiogroup" aria-describedby={`${id}-fail-help`}>
        <legend className="fb-label">If Firebreak cannot decide</legend>
        <div className="fb-validator__rules">
          <label className="fb-choice fb-choice--wrap">
            <input type="radio" name={`${id}-fail`} value="closed" checked={config.failMode === 'closed'} onChange={() => setConfig((previous) => ({ ...previous, failMode: 'closed' }))} />
            <span>Block the transition (recommended)</span>
          </label>
          <label className="fb-choice fb-choice--wrap">
            <input type="radio" name={`${id}-fail`} value="open" checked={config.failMode === 'open'} onChange={() => setConfig((previous) => ({ ...previous, failMode: 'open' }))} />
            <span>Let the transition through</span>
          </label>
        </div>
        <p className="fb-helper" id={`${id}-fail-help`}>
          For example when Jira does not answer in time, or an issue’s report is damaged.
        </p>
      </fieldset>
    </form>
  );
}

/** The level select, or an id field when the policy could not be read. */
function LevelChoice({ id, levels, value, error, onChange }: { readonly id: string; readonly levels: Levels; readonly value: string; readonly error: string | undefined; readonly onChange: (value: string) => void }) {
  const errorId = `${id}-level-error`;
  const common = { id: `${id}-level`, 'aria-invalid': error !== undefined, 'aria-describedby': describedBy(error !== undefined && errorId) };
  if (levels.status === 'loading') {
    return (
      <p className="fb-meta fb-validator__level" role="status">
        Loading severity levels…
      </p>
    );
  }
  return (
    <div className="fb-field fb-validator__level">
      <label className="fb-label" htmlFor={common.id}>
        {levels.status === 'ready' ? 'Lowest level that needs an assignee' : 'Id of the lowest level that needs an assignee'}
      </label>
      {levels.status === 'ready' ? (
        <select {...common} className="fb-select" value={value} onChange={(event) => onChange(event.target.value)}>
          {value === '' ? <option value="">Choose a level</option> : null}
          {levels.levels.map((level) => (
            <option key={level.id} value={level.id}>
              {level.name}
            </option>
          ))}
          {value === '' || levels.levels.some((level) => level.id === value) ? null : <option value={value}>{value} (no longer in the policy)</option>}
        </select>
      ) : (
        <>
          <input {...common} className="fb-input fb-input--short" type="text" value={value} spellCheck={false} onChange={(event) => onChange(event.target.value.trim())} />
          <p className="fb-helper">Firebreak could not read the severity policy, so type the level id, such as “critical”.</p>
        </>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}
