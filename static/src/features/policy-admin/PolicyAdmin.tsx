import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useEffect, useId, useRef, useState } from 'react';

import type { CallResolver } from '../../api/client';
import { formatAbsolute } from '../../shared/time';
import { Banner, NoticeBanner } from '../../ui/Banner';
import { LoadFailed } from '../../ui/LoadFailed';
import { SaveBar } from '../../ui/SaveBar';
import { Shell } from '../../ui/Shell';
import { useSaveForm } from '../../ui/use-save-form';
import { applyPreset } from '../../shared/policy-editor/policy-form';
import { POLICY_COPY, budgetSentence, budgetThisWeek, changedBy, sourceSentence } from './policy-admin.state';
import { PolicyErrorSummary } from '../../shared/policy-editor/PolicyErrorSummary';
import { ScaleChangeStatus } from '../../shared/policy-editor/ScaleChangeStatus';
import { ScaleMoves } from '../../shared/policy-editor/ScaleMoves';
import { type PolicyEditingState, canEditPolicy, isPolicyDirty } from '../../shared/policy-editor/policy-editor.state';
import { type Edit, type FindPeople, PolicyLevels } from '../../shared/policy-editor/PolicyLevels';
import { ProcessReviewCard } from '../../shared/process-review/ProcessReviewCard';
import { type PolicyAdminActions, usePolicyAdmin } from './use-policy-admin';

export interface PolicyAdminProps {
  readonly callResolver: CallResolver;
  /** `policy/getSite`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<PolicyView>>;
  readonly locale?: string;
  readonly timezone?: string;
}

/** Firebreak's severity policy editor in Jira's admin settings (`severity-policy-admin` in manifest.yml). */
export default function PolicyAdmin(props: PolicyAdminProps) {
  const [state, actions] = usePolicyAdmin(props.callResolver, props.firstLoad);
  if (state.status === 'loading') return <Shell label={POLICY_COPY.loading} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} onRetry={actions.retry} />;
  return (
    <>
      <PolicyForm state={state} actions={actions} locale={props.locale} timezone={props.timezone} findPeople={(query) => props.callResolver('policy/findPeople', { query })} />
      {/* Its own form: a nested one would submit the policy. */}
      <ProcessReviewCard callResolver={props.callResolver} locale={props.locale} timezone={props.timezone} />
    </>
  );
}

interface PolicyFormProps {
  readonly state: PolicyEditingState;
  readonly actions: PolicyAdminActions;
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
  readonly findPeople: FindPeople;
}

function PolicyForm({ state, actions, locale, timezone, findPeople }: PolicyFormProps) {
  const form = useSaveForm(actions.save, state.fieldErrors);
  const canEdit = canEditPolicy(state);
  const disabled = !canEdit || state.saving;
  const budget = budgetSentence(budgetThisWeek(state.view.budget, new Date(), timezone, locale));
  const edit: Edit = (change, clears) => actions.dispatch({ type: 'edit', change, ...(clears === undefined ? {} : { clears }) });

  return (
    <form ref={form.ref} className="fb-panel fb-settings" onSubmit={form.onSubmit} noValidate aria-labelledby="fb-policy-title">
      <header className="fb-settings__header">
        <h1 className="fb-title" id="fb-policy-title">
          Severity policy
        </h1>
        <p className="fb-note">What each severity level means, and what the team commits to once a triager decides it. Every project uses this policy unless it has its own.</p>
        <p className="fb-meta">{sourceSentence(state.view)}</p>
      </header>
      {budget === null ? null : budget.exceeded ? (
        <Banner tone="warning">{budget.text}</Banner>
      ) : (
        <p className="fb-note fb-note--boxed">{budget.text}</p>
      )}
      <NoticeBanner notice={state.notice} />
      <ScaleChangeStatus view={state.view} onRefresh={actions.refresh} busy={state.saving} />
      {canEdit ? null : <Banner tone="info">{POLICY_COPY.readOnly}</Banner>}
      {canEdit ? <Presets state={state} edit={edit} disabled={disabled} /> : null}
      <PolicyLevels state={state} edit={edit} disabled={disabled} findPeople={findPeople} />
      {canEdit ? <ScaleMoves view={state.view} draft={state.draft} error={state.fieldErrors['mapping']} edit={edit} disabled={disabled} /> : null}
      <PolicyErrorSummary errors={state.fieldErrors} draft={state.draft} />
      {canEdit ? <SaveBar label="Save policy" saving={state.saving} dirty={isPolicyDirty(state)} /> : null}
      <History view={state.view} locale={locale} timezone={timezone} />
    </form>
  );
}

function Presets({ state, edit, disabled }: { readonly state: PolicyEditingState; readonly edit: Edit; readonly disabled: boolean }) {
  const id = useId();
  const presets = state.view.presets;
  const [chosen, setChosen] = useState(presets[0]?.id ?? '');
  const [confirming, setConfirming] = useState(false);
  const confirmTitle = useRef<HTMLHeadingElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const preset = presets.find((candidate) => candidate.id === chosen);

  useEffect(() => {
    if (confirming) confirmTitle.current?.focus();
  }, [confirming]);

  if (presets.length === 0) return null;
  const close = () => {
    setConfirming(false);
    // Back to where the person was, once the button is enabled again.
    setTimeout(() => applyButton.current?.focus(), 0);
  };

  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Start from a preset
      </h2>
      <p className="fb-helper">A preset replaces every level in the form below. Nothing is saved until you choose Save policy.</p>
      <div className="fb-inline">
        <label className="fb-visually-hidden" htmlFor={`${id}-preset`}>
          Choose a preset
        </label>
        <select id={`${id}-preset`} className="fb-select fb-select--wide" value={chosen} disabled={disabled || confirming} onChange={(event) => setChosen(event.target.value)}>
          {presets.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        <button ref={applyButton} type="button" className="fb-button" disabled={disabled || confirming || preset === undefined} onClick={() => setConfirming(true)}>
          Apply preset
        </button>
      </div>
      {confirming && preset !== undefined ? (
        <div className="fb-confirm" role="group" aria-labelledby={`${id}-confirm`}>
          <h3 className="fb-subheading" id={`${id}-confirm`} ref={confirmTitle} tabIndex={-1}>
            Replace all {String(state.draft.levels.length)} levels with “{preset.name}”?
          </h3>
          <p>
            The form then shows the preset’s {String(preset.policy.levels.length)} levels; your edits to the current levels are lost. Before you save, the page shows how many
            issues carry each level the preset does not have, and asks where they move.
          </p>
          <div className="fb-actions">
            <button
              type="button"
              className="fb-button fb-button--primary"
              onClick={() => {
                edit((draft) => applyPreset(draft, preset.policy), 'all');
                close();
              }}
            >
              Replace levels
            </button>
            <button type="button" className="fb-button fb-button--subtle" onClick={close}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function History({ view, locale, timezone }: { readonly view: PolicyView; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const id = useId();
  const newestFirst = [...view.history].sort((a, b) => b.version - a.version);
  return (
    <section className="fb-card" aria-labelledby={`${id}-title`}>
      <h2 className="fb-card__title" id={`${id}-title`}>
        Change history
      </h2>
      {newestFirst.length === 0 ? (
        <p className="fb-note">No changes saved yet.</p>
      ) : (
        <ol className="fb-history fb-policy-history">
          {newestFirst.map((change) => (
            <li key={change.version} className="fb-policy-history__item">
              <p className="fb-meta">
                <strong className="fb-policy-history__version">Version {change.version}</strong> · <time dateTime={change.at}>{formatAbsolute(change.at, locale, timezone)}</time> · by {changedBy(view, change.by)}
              </p>
              <ul className="fb-list">
                {change.changes.map((sentence, at) => (
                  <li key={at}>{sentence}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
