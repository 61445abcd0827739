import type { PolicyView, ValidatorConfig } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { nameFromLevelId, severityName } from '@contract/severity-names';
import { useEffect, useId, useRef, useState } from 'react';

import { onConfigureRule } from '../../platform/workflow-rules';
import { Banner } from '../../ui/Banner';
import { FieldError, describedBy } from '../../ui/FieldMessages';
import { ClosingCoverage, type CoverageLoad } from './ClosingCoverage';
import { type ConfigCheck, readValidatorConfig, serializeValidatorConfig, summarizeValidatorConfig } from './validator-config';

export interface ValidatorEditorProps {
  /** `context.extension.validatorConfig`: absent on create. */
  readonly rawConfig: string | undefined;
  /** `context.extension.isNewEditor`: only Jira's new workflow editor saves a function validator's settings. */
  readonly newEditor: boolean;
  /** `policy/getSite`, sent by `routes.tsx` for the level names; Jira admins may read it. */
  readonly levelsLoad: Promise<ResolverResult<PolicyView>>;
  /** The workflow's other closing transitions without the postmortem rule; absent when Jira did not name the workflow and transition. */
  readonly coverageLoad?: CoverageLoad | undefined;
}

type Levels =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly levels: ReadonlyArray<{ readonly id: string; readonly name: string }> }
  | { readonly status: 'failed'; readonly message: string };

type RuleFlag = 'severityPicked' | 'severityConfirmed' | 'definitionOfReady' | 'reporterVerification' | 'postmortemPublished' | 'supportWipLimits';

const DAMAGED = 'This rule’s saved configuration could not be read, so the form starts from Firebreak’s defaults. Check the rules, then save.';
const NOT_REGISTERED = 'Jira did not accept this form’s save handler, so saving may not keep these rules. Close the dialog and open it again.';
const OLD_EDITOR =
  'Jira keeps these settings only when the rule is edited in its new workflow editor. If they do not stick, open the workflow there; until then the rule only asks production issues for a severity.';

/**
 * The workflow rule editor (`severity-policy-validator`, entry points `create` and `edit`). Jira's
 * dialog owns the Save button: it calls the function registered with `onConfigureRule`, which
 * reads the latest form through a ref and returns the string to store, or `undefined` to refuse.
 */
export default function ValidatorEditor({ rawConfig, newEditor, levelsLoad, coverageLoad }: ValidatorEditorProps) {
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
      setLevels(result.ok ? { status: 'ready', levels: result.data.policy.levels.map(({ id: levelId, name }) => ({ id: levelId, name })) } : { status: 'failed', message: result.error.message });
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
  // A level is only ever chosen from the policy: while it cannot be read, the rule can be kept as
  // saved or turned off, never turned on with a typed id.
  const canTurnOnAssignee = levels.status !== 'failed';
  // What is saved now, in one sentence: Jira may show this page where it means the rule's summary
  // (it does not always say which page it opens), and in the edit dialog it says what changes.
  const levelName = (levelId: string): string => (levels.status === 'ready' ? severityName(levels.levels, levelId) : nameFromLevelId(levelId));
  const saved = rawConfig === undefined || initial.damaged ? null : summarizeValidatorConfig(initial.config, levelName);

  return (
    <form className="fb-panel fb-validator" noValidate onSubmit={(event) => event.preventDefault()} aria-label="Firebreak severity policy rule">
      {initial.damaged ? <Banner tone="warning">{DAMAGED}</Banner> : null}
      {newEditor ? null : <Banner tone="info">{OLD_EDITOR}</Banner>}
      {saved === null ? null : (
        <div className="fb-validator__saved">
          <p className="fb-meta">Saved rule</p>
          <p className="fb-text">{saved}</p>
        </div>
      )}
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
              <input
                type="checkbox"
                checked={level !== null}
                disabled={level === null && !canTurnOnAssignee}
                onChange={(event) => update((rules) => ({ ...rules, assigneeAtOrAbove: event.target.checked ? firstLevel : null }))}
              />
              <span>Require an assignee at or above</span>
            </label>
            {level === null && canTurnOnAssignee ? null : <LevelChoice id={id} levels={levels} value={level} error={levelError} onChange={(value) => update((rules) => ({ ...rules, assigneeAtOrAbove: value }))} />}
          </div>
          {flag('reporterVerification', 'Reporter must verify before closing (New → Accepted → Resolved → Verified → Closed)')}
          {flag('postmortemPublished', 'A published postmortem is required for levels whose policy requires one')}
          {config.rules.postmortemPublished === true && coverageLoad !== undefined ? <ClosingCoverage load={coverageLoad} /> : null}
          {flag('supportWipLimits', 'Respect the support WIP limits: no starting work (a move into In Progress) while the issue’s class of service is at its project’s limit')}
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

/**
 * The level select, from the policy's own levels. When the policy cannot be read there is nothing
 * to choose from: the saved level (if any) is kept as it is, and no id can be typed in its place.
 */
function LevelChoice({ id, levels, value, error, onChange }: { readonly id: string; readonly levels: Levels; readonly value: string | null; readonly error: string | undefined; readonly onChange: (value: string) => void }) {
  const errorId = `${id}-level-error`;
  if (levels.status === 'loading') {
    return (
      <p className="fb-meta fb-validator__level" role="status">
        Loading severity levels…
      </p>
    );
  }
  if (levels.status === 'failed') {
    return (
      <div className="fb-validator__level">
        <p className="fb-helper" role="alert">
          {value === null
            ? `Firebreak could not read the severity policy, so this rule cannot be turned on now: ${levels.message} Reload to try again.`
            : `Firebreak could not read the severity policy, so the saved level “${nameFromLevelId(value)}” is kept as it is: ${levels.message} Reload to change it.`}
        </p>
        <FieldError id={errorId} message={error} />
      </div>
    );
  }
  const current = value ?? '';
  return (
    <div className="fb-field fb-validator__level">
      <label className="fb-label" htmlFor={`${id}-level`}>
        Lowest level that needs an assignee
      </label>
      <select id={`${id}-level`} aria-invalid={error !== undefined} aria-describedby={describedBy(error !== undefined && errorId)} className="fb-select" value={current} onChange={(event) => onChange(event.target.value)}>
        {current === '' ? <option value="">Choose a level</option> : null}
        {levels.levels.map((level) => (
          <option key={level.id} value={level.id}>
            {level.name}
          </option>
        ))}
        {current === '' || levels.levels.some((level) => level.id === current) ? null : <option value={current}>{severityName(levels.levels, current)}</option>}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}
