import type { PolicyView } from '@contract/policy.contract';
import type { ResolverResult } from '@contract/result';
import { useId } from 'react';

import type { CallResolver } from '../../api/client';
import { canEditPolicy, isPolicyDirty } from '../../shared/policy-editor/policy-editor.state';
import { type Edit, PolicyLevels } from '../../shared/policy-editor/PolicyLevels';
import { PolicyErrorSummary } from '../../shared/policy-editor/PolicyErrorSummary';
import { ScaleChangeStatus } from '../../shared/policy-editor/ScaleChangeStatus';
import { ScaleMoves } from '../../shared/policy-editor/ScaleMoves';
import { Banner, NoticeBanner } from '../../ui/Banner';
import { LoadFailed } from '../../ui/LoadFailed';
import { SaveBar } from '../../ui/SaveBar';
import { Shell } from '../../ui/Shell';
import { useSaveForm } from '../../ui/use-save-form';
import { PROJECT_POLICY_COPY, hasProjectPolicyChange, projectSourceSentence } from './project-policy.state';
import { useProjectPolicy } from './use-project-policy';

/** "Severity policy for this project": the site's policy, or this project's own (the admin page's level editor). */
export function ProjectPolicyCard({ projectKey, callResolver, firstLoad }: { readonly projectKey: string; readonly callResolver: CallResolver; readonly firstLoad: Promise<ResolverResult<PolicyView>> }) {
  const id = useId();
  const [{ policy, override }, actions] = useProjectPolicy(projectKey, callResolver, firstLoad);
  const form = useSaveForm(actions.save, policy.status === 'ready' ? policy.fieldErrors : null);

  const title = (
    <h2 className="fb-card__title" id={`${id}-title`}>
      Severity policy for this project
    </h2>
  );
  if (policy.status === 'loading') {
    return (
      <section className="fb-card" aria-labelledby={`${id}-title`}>
        {title}
        <Shell label={PROJECT_POLICY_COPY.loading} />
      </section>
    );
  }
  if (policy.status === 'failed') {
    return (
      <section className="fb-card" aria-labelledby={`${id}-title`}>
        {title}
        <LoadFailed error={policy.error} onRetry={actions.retry} />
      </section>
    );
  }

  const canEdit = canEditPolicy(policy);
  const disabled = !canEdit || policy.saving;
  const changed = hasProjectPolicyChange(policy, override, isPolicyDirty(policy));
  const edit: Edit = (change, clears) => actions.dispatch({ type: 'edit', change, ...(clears === undefined ? {} : { clears }) });

  return (
    <form ref={form.ref} className="fb-card" onSubmit={form.onSubmit} noValidate aria-labelledby={`${id}-title`}>
      {title}
      <p className="fb-meta">{projectSourceSentence(policy.view)}</p>
      <NoticeBanner notice={policy.notice} />
      <ScaleChangeStatus view={policy.view} onRefresh={actions.refresh} busy={policy.saving} />
      {canEdit ? (
        <label className="fb-choice">
          <input type="checkbox" checked={override} disabled={disabled} aria-describedby={`${id}-override-help`} onChange={(event) => actions.dispatch({ type: 'override', on: event.target.checked })} />
          Override the site policy for this project
        </label>
      ) : (
        <Banner tone="info">{PROJECT_POLICY_COPY.readOnly}</Banner>
      )}
      {canEdit ? (
        <p className="fb-helper" id={`${id}-override-help`}>
          {override ? 'This project uses the levels below instead of the site’s policy.' : 'Untick and save to go back to the site’s policy.'}
        </p>
      ) : null}
      {override ? <PolicyLevels state={policy} edit={edit} disabled={disabled} heading="h3" findPeople={(query) => callResolver('config/findPeople', { projectKey, query })} /> : null}
      {override && canEdit ? <ScaleMoves view={policy.view} draft={policy.draft} error={policy.fieldErrors['mapping']} edit={edit} disabled={disabled} heading="h3" /> : null}
      <PolicyErrorSummary errors={policy.fieldErrors} draft={policy.draft} />
      {canEdit ? <SaveBar label="Save project policy" saving={policy.saving} dirty={changed} disabled={!changed} /> : null}
    </form>
  );
}
