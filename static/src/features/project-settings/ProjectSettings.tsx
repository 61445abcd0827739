import type { PolicyView } from '@contract/policy.contract';
import type { ProjectConfigView } from '@contract/project-config.contract';
import type { ResolverResult } from '@contract/result';

import type { CallResolver } from '../../api/client';
import { LoadFailed } from '../../ui/LoadFailed';
import { Shell } from '../../ui/Shell';
import { SETTINGS_COPY } from './config-card.state';
import { AlertSourcesCard } from './AlertSourcesCard';
import { CapacityTeamCard } from './CapacityTeamCard';
import { DisputeAuthorityCard } from './DisputeAuthorityCard';
import { ImprovementsCard } from './ImprovementsCard';
import { OnCallCard } from './OnCallCard';
import { ProcessReviewCard } from '../../shared/process-review/ProcessReviewCard';
import { ProjectPolicyCard } from './ProjectPolicyCard';
import { SettingsCard } from './SettingsCard';
import { SupportDefaultsCard } from './SupportDefaultsCard';
import { useProjectSettings } from './use-project-settings';
import { WipLimitsCard } from './WipLimitsCard';

export interface ProjectSettingsProps {
  readonly projectKey: string;
  readonly callResolver: CallResolver;
  /** `config/getProject`, already sent by `routes.tsx` while this chunk was downloading. */
  readonly firstLoad: Promise<ResolverResult<ProjectConfigView>>;
  /** `policy/getProject`, sent the same way. */
  readonly policyLoad: Promise<ResolverResult<PolicyView>>;
  /** The viewer's locale and zone, for the dates a card shows (each only when Jira says). */
  readonly locale?: string;
  readonly timezone?: string;
}

/**
 * Firebreak's page in Project settings (`project-settings` in manifest.yml): one card per saved
 * form, each with its own state. The settings cards share one read; the severity policy has its own.
 */
export default function ProjectSettings(props: ProjectSettingsProps) {
  const [page, actions] = useProjectSettings(props.projectKey, props.callResolver, props.firstLoad);
  const { settings, support, improvements, wipLimits, onCall, capacityTeam, disputeAuthority, saving } = page;
  if (settings.status === 'loading') return <Shell label={SETTINGS_COPY.loading} />;
  if (settings.status === 'failed') return <LoadFailed error={settings.error} onRetry={actions.retry} />;
  return (
    <div className="fb-panel fb-settings">
      <SettingsCard state={settings} actions={actions.settings} pageSaving={saving} />
      <ProjectPolicyCard projectKey={props.projectKey} callResolver={props.callResolver} firstLoad={props.policyLoad} />
      {/* Issue 16 part 5: this project's process review schedule, its own form. */}
      <ProcessReviewCard projectKey={props.projectKey} callResolver={props.callResolver} locale={props.locale} timezone={props.timezone} />
      {support.status === 'ready' ? <SupportDefaultsCard state={support} actions={actions.support} pageSaving={saving} /> : null}
      {improvements.status === 'ready' ? <ImprovementsCard state={improvements} actions={actions.improvements} pageSaving={saving} /> : null}
      {wipLimits.status === 'ready' ? <WipLimitsCard state={wipLimits} actions={actions.wipLimits} pageSaving={saving} /> : null}
      {onCall.status === 'ready' ? <OnCallCard projectKey={props.projectKey} callResolver={props.callResolver} state={onCall} actions={actions.onCall} pageSaving={saving} /> : null}
      {capacityTeam.status === 'ready' ? <CapacityTeamCard state={capacityTeam} actions={actions.capacityTeam} pageSaving={saving} /> : null}
      {/* disputes (issue 16 part 4) */}
      {disputeAuthority.status === 'ready' ? <DisputeAuthorityCard projectKey={props.projectKey} callResolver={props.callResolver} state={disputeAuthority} actions={actions.disputeAuthority} pageSaving={saving} /> : null}
      {/* intake (issue 17): alert sources, their URLs and secrets; its own read, admins only */}
      <AlertSourcesCard projectKey={props.projectKey} callResolver={props.callResolver} locale={props.locale} timezone={props.timezone} />
    </div>
  );
}
