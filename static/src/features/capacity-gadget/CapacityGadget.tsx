import type { CapacityView } from '@contract/capacity.contract';
import type { ResolverResult } from '@contract/result';
import { type MouseEvent, useId } from 'react';

import type { CallResolver } from '../../api/client';
import { issuePath, openJiraPage } from '../../platform/router';
import { type CapacityMeasureId, type GadgetConfiguration, MEASURES } from '../../shared/capacity';
import { budgetSentence } from '../../shared/severity-policy';
import { Banner } from '../../ui/Banner';
import { FailureBanner, LoadFailed } from '../../ui/LoadFailed';
import { Lozenge } from '../../ui/Lozenge';
import { Shell } from '../../ui/Shell';
import { BarChart } from './BarChart';
import { type DrillDownState, type GadgetReadyState, GADGET_COPY, drillDownSprintId } from './capacity-gadget.state';
import { formatMeasureValue, formatShare, formatSprintDates, sprintState } from './capacity-format';
import { ColumnChart } from './ColumnChart';
import { nameOf } from './drill-down';
import { formatItemCost, formatPlan, formatPlannedQueue, formatTeam, formatVelocity } from './planning-format';
import { formatAge } from '../../shared/time';
import { ReadingProgress } from './ReadingProgress';
import { type GadgetActions, useCapacityGadget } from './use-capacity-gadget';

export interface CapacityGadgetProps {
  readonly callResolver: CallResolver;
  /** The saved configuration, or `null` while the gadget has no board. */
  readonly config: GadgetConfiguration | null;
  /** `capacity/compute` with `config`, sent by `routes.tsx` while this chunk downloaded; `null` without a board. */
  readonly firstLoad: Promise<ResolverResult<CapacityView>> | null;
  readonly locale?: string;
  readonly timezone?: string;
}

/** The production support capacity gadget on a Jira dashboard (`capacity-gadget` in manifest.yml). */
export default function CapacityGadget({ config, firstLoad, ...rest }: CapacityGadgetProps) {
  if (config === null || firstLoad === null) {
    return (
      <div className="fb-panel fb-gadget">
        <div className="fb-empty">
          <p className="fb-empty__title">{GADGET_COPY.unconfigured}</p>
        </div>
      </div>
    );
  }
  return <ConfiguredGadget config={config} firstLoad={firstLoad} {...rest} />;
}

interface Formatting {
  readonly locale: string | undefined;
  readonly timezone: string | undefined;
}

function ConfiguredGadget({ callResolver, config, firstLoad, locale, timezone }: CapacityGadgetProps & { readonly config: GadgetConfiguration; readonly firstLoad: Promise<ResolverResult<CapacityView>> }) {
  const [state, actions] = useCapacityGadget(callResolver, config, firstLoad);
  if (state.status === 'loading') {
    return (
      <div className="fb-panel fb-gadget">
        <MeasureSwitcher measure={state.measure} onChange={actions.showMeasure} />
        <Shell label={GADGET_COPY.loading} />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="fb-panel fb-gadget">
        <MeasureSwitcher measure={state.measure} onChange={actions.showMeasure} />
        <LoadFailed error={state.error} onRetry={actions.retry} />
      </div>
    );
  }
  return <GadgetView state={state} actions={actions} format={{ locale, timezone }} />;
}

/** Segmented buttons: another measure for this viewing only (the saved configuration is unchanged). */
function MeasureSwitcher({ measure, onChange }: { readonly measure: CapacityMeasureId; readonly onChange: (measure: CapacityMeasureId) => void }) {
  return (
    <div className="fb-segmented" role="group" aria-label="Measure">
      {MEASURES.map((option) => (
        <button key={option.id} type="button" className="fb-segmented__button" aria-pressed={option.id === measure} title={option.label} onClick={() => onChange(option.id)}>
          {option.short}
        </button>
      ))}
    </div>
  );
}

function GadgetView({ state, actions, format }: { readonly state: GadgetReadyState; readonly actions: GadgetActions; readonly format: Formatting }) {
  const { view } = state;
  const { sprint } = view;
  const value = (amount: number) => formatMeasureValue(amount, view.measure, format.locale);
  const hours = (amount: number) => formatMeasureValue(amount, 'time', format.locale);
  const budget = budgetSentence(view.budget);
  const trend = [...view.trend].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id - b.id);
  const velocity = formatVelocity(view.planning, view.measure, format.locale);
  const itemCost = formatItemCost(view.planning, view.measure, format.locale);

  return (
    <div className={`fb-panel fb-gadget${state.refreshing ? ' fb-gadget--refreshing' : ''}`}>
      <div className="fb-gadget__bar">
        <MeasureSwitcher measure={state.measure} onChange={actions.showMeasure} />
        <p className="fb-meta" role="status">
          {state.refreshing ? GADGET_COPY.updating : view.reading === undefined ? `Computed ${formatAge(view.computedAt, new Date(), format.locale)}` : `Read started ${formatAge(view.reading.startedAt, new Date(), format.locale)}`}
        </p>
        <button type="button" className="fb-button fb-button--subtle" disabled={state.refreshing} onClick={actions.refresh} title="Read the closed sprints from Jira again instead of reusing their figures">
          Refresh
        </button>
      </div>
      {view.reading !== undefined ? (
        <ReadingProgress reading={view.reading} explanation={view.empty} busy={state.refreshing} onTryAgain={actions.refresh} locale={format.locale} />
      ) : view.empty !== null || sprint === null ? (
        <div className="fb-empty">
          <p className="fb-empty__title">{view.board.name}</p>
          <p className="fb-empty__hint">{view.empty ?? 'There is no sprint to show on this board yet.'}</p>
        </div>
      ) : (
        <>
          <section className="fb-section" aria-labelledby="fb-capacity-sprint">
            <div className="fb-gadget__sprint">
              <h2 className="fb-heading" id="fb-capacity-sprint">
                {sprint.name}
              </h2>
              <Lozenge tone={sprintState(sprint.state).tone}>{sprintState(sprint.state).label}</Lozenge>
              <span className="fb-meta">{formatSprintDates(sprint.start, sprint.end, format.locale, format.timezone)}</span>
            </div>
            <p className="fb-meta">{view.board.name}</p>
            {sprint.share === null ? (
              <div className="fb-empty">
                {sprint.notes.length === 0 ? <p className="fb-empty__title">Nothing measured in this sprint yet.</p> : sprint.notes.map((note) => <p key={note} className="fb-empty__title">{note}</p>)}
              </div>
            ) : (
              <>
                <p className="fb-share">
                  <span className="fb-share__value">{formatShare(sprint.share, format.locale)}</span>
                  <span className="fb-share__label">on production support</span>
                </p>
                <dl className="fb-queues" aria-label="Production support by queue">
                  <div className="fb-queue">
                    <dt>In the sprint</dt>
                    <dd>{formatPlannedQueue(sprint, view.measure, format.locale)}</dd>
                  </div>
                  <div className="fb-queue">
                    <dt>Outside the sprint</dt>
                    <dd>{value(sprint.unplanned.support)}</dd>
                  </div>
                </dl>
                <p className="fb-note">
                  Counts support issues in the sprint, and support issues outside it that the team worked on during the sprint. The team: {formatTeam(sprint.team)}. A
                  project admin can name a Jira group instead in the project’s Firebreak settings.
                </p>
                {sprint.notes.length === 0 ? null : (
                  <ul className="fb-notes" aria-label="Notes">
                    {sprint.notes.map((note) => (
                      <li key={note}>{note}</li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </section>
          {sprint.share === null ? null : (
            <div className="fb-gadget__charts">
              <BarChart title="Support by severity" tone="severity" items={sprint.bySeverity} format={value} empty="No production support in this sprint." />
              <BarChart title="Support by kind" tone="kind" items={sprint.byKind} format={value} empty="No production support in this sprint." />
              {sprint.people.length === 0 ? null : (
                <BarChart
                  title="Support hours per person"
                  tone="kind"
                  items={sprint.people.map((person) => ({
                    id: person.accountId,
                    name: person.name,
                    ...(person.onCallShare > 0 ? { detail: `on call ${formatShare(person.onCallShare, format.locale)}` } : {}),
                    value: person.supportSeconds,
                  }))}
                  format={hours}
                  empty="Nobody logged support time in this sprint."
                />
              )}
            </div>
          )}
        </>
      )}
      {trend.length === 0 ? null : (
        <ColumnChart title="Share of each sprint on production support" items={trend.map((entry) => ({ id: entry.id, name: entry.name, share: entry.share, current: entry.id === sprint?.id }))} />
      )}
      {/* While the background read runs there is nothing to plan from yet; the bar says when there will be. */}
      {view.reading !== undefined ? null : (
        <section className="fb-section" aria-labelledby="fb-capacity-planning">
          <h2 className="fb-heading" id="fb-capacity-planning">
            Planning
          </h2>
          {velocity === null ? null : <p className="fb-text">{velocity}</p>}
          {itemCost === null ? null : <p className="fb-text">{itemCost}</p>}
          <p className="fb-text fb-plan">{formatPlan(view.planning, view.measure, format.locale)}</p>
          {budget === null ? null : budget.exceeded ? <Banner tone="warning">{budget.text}</Banner> : <p className="fb-note fb-note--boxed">{budget.text}</p>}
        </section>
      )}
      {drillDownSprintId(view) === null || sprint === null ? null : <Issues drillDown={state.drillDown} disabled={state.refreshing} actions={actions} sprintName={sprint.name} kinds={sprint.byKind} value={value} />}
    </div>
  );
}

function Issues({
  drillDown,
  disabled,
  actions,
  sprintName,
  kinds,
  value,
}: {
  readonly drillDown: DrillDownState;
  readonly disabled: boolean;
  readonly actions: GadgetActions;
  readonly sprintName: string;
  /** The kind breakdown's names for kind ids (the backend names each issue's severity). */
  readonly kinds: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly value: (amount: number) => string;
}) {
  const listId = useId();
  const open = drillDown.status !== 'hidden';
  const onOpen = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
    event.preventDefault();
    openJiraPage(issuePath(key));
  };
  return (
    <section className="fb-section" aria-label={`Issues in ${sprintName}`}>
      <div>
        <button type="button" className="fb-button" aria-expanded={open} aria-controls={open ? listId : undefined} disabled={disabled || drillDown.status === 'loading'} onClick={open ? actions.hideIssues : actions.showIssues}>
          {open && drillDown.status !== 'loading' ? 'Hide issues' : 'Show issues'}
        </button>
      </div>
      <div id={listId}>
        {drillDown.status === 'loading' ? (
          <p className="fb-meta" role="status">
            {GADGET_COPY.loadingIssues}
          </p>
        ) : null}
        {drillDown.status === 'failed' ? (
          <FailureBanner error={drillDown.error} onRetry={actions.showIssues} />
        ) : null}
        {drillDown.status === 'shown' && drillDown.issues.length === 0 ? <p className="fb-meta">No issues were counted in this sprint.</p> : null}
        {drillDown.status === 'shown' && drillDown.issues.length > 0 ? (
          <ul className="fb-issues" aria-label={`Issues in ${sprintName}, production support first`}>
            {drillDown.issues.map((issue) => (
              <li key={issue.key} className="fb-issue">
                <div className="fb-issue__top">
                  <a href={issuePath(issue.key)} onClick={(event) => onOpen(event, issue.key)}>
                    {issue.key}
                  </a>
                  <span className="fb-issue__value">{value(issue.value)}</span>
                </div>
                <p className="fb-issue__summary">{issue.summary}</p>
                <p className="fb-issue__meta">
                  <Lozenge tone={issue.support ? 'removed' : 'default'}>{issue.support ? 'Production support' : 'Other work'}</Lozenge>
                  {issue.queue === 'unplanned' ? <Lozenge tone="new">Outside the sprint</Lozenge> : null}
                  {issue.support || issue.severity !== null ? <span>Severity: {issue.severityName ?? 'Not classified'}</span> : null}
                  {issue.support || issue.kind !== null ? <span>Kind: {nameOf(issue.kind, kinds)}</span> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
