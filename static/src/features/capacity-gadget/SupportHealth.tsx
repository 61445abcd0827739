import type { SupportHealthView } from '@contract/support-health.contract';
import { HEALTH_LIMITS, HEALTH_NOT_DECIDED } from '@contract/support-health.values';
import { useCallback, useEffect, useReducer, useRef } from 'react';

import type { CallResolver } from '../../api/client';
import type { GadgetConfiguration } from '../../shared/capacity';
import { severityToneOf } from '../../shared/severity-tone';
import { FailureBanner, LoadFailed } from '../../ui/LoadFailed';
import { Lozenge } from '../../ui/Lozenge';
import { Shell } from '../../ui/Shell';
import {
  formatCompliance,
  formatDaysOverdue,
  formatDueDate,
  formatDueDateEnds,
  formatDuration,
  formatFixedCell,
  formatFixedInTime,
  formatJiraDueDate,
  formatMetCell,
  formatPeriodDates,
  formatUpdatesRow,
  formatUpdatesTotal,
  HEALTH_COPY,
} from './support-health.format';
import { initialHealthState, reduceHealth } from './support-health.state';

export interface SupportHealthProps {
  readonly callResolver: CallResolver;
  readonly config: GadgetConfiguration;
  readonly locale?: string | undefined;
  readonly timezone?: string | undefined;
}

type Period = SupportHealthView['periods'][number];
type Compliance = SupportHealthView['overall'];

/** The gadget's Health view: support arrivals, resolutions and response compliance per sprint (or week). */
export default function SupportHealth({ callResolver, config, locale, timezone }: SupportHealthProps) {
  const [state, dispatch] = useReducer(reduceHealth, initialHealthState);
  const sequence = useRef(0);
  const periods = Math.min(HEALTH_LIMITS.periodsMax, Math.max(HEALTH_LIMITS.periodsMin, config.trendSprints));

  const load = useCallback(() => {
    sequence.current += 1;
    const seq = sequence.current;
    dispatch({ type: 'started', seq });
    void callResolver('capacity/health', { boardId: config.boardId, periods, criteria: config.criteria }).then((result) => dispatch({ type: 'answered', seq, result }));
  }, [callResolver, config.boardId, config.criteria, periods]);

  useEffect(load, [load]);

  if (state.status === 'loading') return <Shell label={HEALTH_COPY.loading} />;
  if (state.status === 'failed') return <LoadFailed error={state.error} onRetry={load} />;
  const { view } = state;
  const newestFirst = [...view.periods].reverse();
  const nothing = view.periods.every((period) => period.arrived === 0 && period.resolved === 0);

  return (
    <div className={`fb-health${state.refreshing ? ' fb-health--refreshing' : ''}`}>
      {state.error === null ? null : <FailureBanner error={state.error} onRetry={load} />}
      <div className="fb-gadget__bar">
        <p className="fb-meta">{view.board.name}</p>
        <p className="fb-meta" role="status">
          {state.refreshing ? HEALTH_COPY.updating : ''}
        </p>
        <button type="button" className="fb-button fb-button--subtle" disabled={state.refreshing} onClick={load}>
          Refresh
        </button>
      </div>
      {view.empty !== null ? (
        <div className="fb-empty">
          <p className="fb-empty__hint">{view.empty}</p>
        </div>
      ) : nothing ? (
        <div className="fb-empty">
          <p className="fb-empty__title">{HEALTH_COPY.noneArrived}</p>
          <p className="fb-empty__hint">{HEALTH_COPY.noneAtAll(view.periodKind, view.board.projectKey)}</p>
        </div>
      ) : (
        <>
          <Overall compliance={view.overall} aim={view.aim} count={view.periods.length} periodKind={view.periodKind} locale={locale} />
          {newestFirst.map((period) => (
            <PeriodHealth key={`${period.name}-${period.start}`} period={period} aim={view.aim} locale={locale} timezone={timezone} />
          ))}
          <UpdatesOnTime updates={view.updates} locale={locale} />
        </>
      )}
      {view.empty === null ? <VulnerabilitiesFixed vulnerabilities={view.vulnerabilities} locale={locale} timezone={timezone} /> : null}
      {view.notes.length === 0 ? null : (
        <ul className="fb-notes" aria-label="How these figures are counted">
          {view.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ComplianceFigure({ compliance, aim, locale, label }: { readonly compliance: Compliance; readonly aim: number; readonly locale: string | undefined; readonly label: string }) {
  const words = formatCompliance(compliance, aim, locale);
  const aimText = `aim ${new Intl.NumberFormat(locale, { style: 'percent' }).format(aim)}`;
  return (
    <p className={`fb-health__compliance fb-health__compliance--${words.tone}`}>
      <span className="fb-health__value">{words.value}</span>
      <span>
        {label}: {words.detail}
        {words.tone === 'none' ? '' : ` (${aimText})`}
      </span>
      {words.tone === 'good' ? <Lozenge tone="success">On target</Lozenge> : words.tone === 'bad' ? <Lozenge tone="removed">Below aim</Lozenge> : null}
    </p>
  );
}

function Overall({ compliance, aim, count, periodKind, locale }: { readonly compliance: Compliance; readonly aim: number; readonly count: number; readonly periodKind: 'sprint' | 'week'; readonly locale: string | undefined }) {
  const span = `${String(count)} ${periodKind}${count === 1 ? '' : 's'}`;
  return (
    <section className="fb-section" aria-label="Guideline dates met">
      <ComplianceFigure compliance={compliance} aim={aim} locale={locale} label={`Over the last ${span}`} />
      {compliance.share === null ? <p className="fb-note">{HEALTH_COPY.noGuideline}</p> : null}
    </section>
  );
}

/**
 * updates part (issue 16): stakeholder updates sent on time, per incident (key and summary) and in
 * total, for the incidents whose severity has an update cadence. Nothing shows when none has.
 */
function UpdatesOnTime({ updates, locale }: { readonly updates: SupportHealthView['updates']; readonly locale: string | undefined }) {
  if (updates.total.incidents === 0) return null;
  return (
    <section className="fb-section fb-health__updates" aria-labelledby="fb-health-updates">
      <h2 className="fb-heading" id="fb-health-updates">
        Stakeholder updates on time
      </h2>
      <p className="fb-text">{formatUpdatesTotal(updates.total, locale)}</p>
      <ul className="fb-health__update-list">
        {updates.incidents.map((row) => (
          <li key={row.key}>
            <strong>{row.key}</strong> {row.summary} <span className="fb-meta">({row.levelName})</span>: {formatUpdatesRow(row, locale)}
          </li>
        ))}
      </ul>
      {updates.unlisted === 0 ? null : (
        <p className="fb-meta">
          and {String(updates.unlisted)} more incident{updates.unlisted === 1 ? '' : 's'}, counted in the total
        </p>
      )}
    </section>
  );
}

/**
 * issue 17, part 2: vulnerabilities fixed within their remediation window, per severity and in
 * total, then the findings open past their due date (most overdue first) for someone to act on.
 * Shown whether or not support arrived (a finding may be the only thing in the span); nothing shows
 * when no finding counts.
 */
function VulnerabilitiesFixed({ vulnerabilities, locale, timezone }: { readonly vulnerabilities: SupportHealthView['vulnerabilities']; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  if (vulnerabilities.levels.length === 0) return null;
  const { total, overdue, unlisted } = vulnerabilities;
  return (
    <section className="fb-section fb-health__vulnerabilities" aria-labelledby="fb-health-vulnerabilities">
      <h2 className="fb-heading" id="fb-health-vulnerabilities">
        Vulnerabilities fixed within their window
      </h2>
      <p className="fb-text">{formatFixedInTime(total, locale)}</p>
      <div className="fb-table-scroll" tabIndex={0} role="region" aria-label="Vulnerabilities by severity">
        <table className="fb-table fb-health__table">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col" title="Findings whose window ended, or that were resolved, in these periods">
                Due
              </th>
              <th scope="col" title="Resolved on or before the due date">
                In time
              </th>
              <th scope="col">Late</th>
              <th scope="col" title="Still open after the due date">
                Open past due
              </th>
            </tr>
          </thead>
          <tbody>
            {vulnerabilities.levels.map((row) => (
              <tr key={row.id}>
                <LevelHeader row={row} />
                <td>{row.id === HEALTH_NOT_DECIDED ? <span className="fb-meta">{`${String(row.withoutWindow)} waiting`}</span> : row.due}</td>
                <td>{formatFixedCell(row)}</td>
                <td>{row.late}</td>
                <td>{row.openPastDue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {overdue.length === 0 ? null : (
        <>
          <h3 className="fb-subheading">Open past their due date</h3>
          <ul className="fb-health__update-list fb-health__overdue-list">
            {overdue.map((row) => (
              <li key={row.key}>
                <strong>{row.key}</strong> {row.summary} <span className="fb-meta">({row.levelName})</span>: due{' '}
                <time dateTime={row.dueDate} title={formatDueDateEnds(row.dueDate, locale, timezone)}>
                  {formatDueDate(row.dueDate, locale)}
                </time>
                , {formatDaysOverdue(row.daysOverdue)}
                {row.jiraDueDate === null ? null : <span className="fb-meta"> · {formatJiraDueDate(row.jiraDueDate, locale)}</span>}
              </li>
            ))}
          </ul>
          {unlisted === 0 ? null : (
            <p className="fb-meta">
              and {String(unlisted)} more finding{unlisted === 1 ? '' : 's'} open past due, counted above
            </p>
          )}
        </>
      )}
      {vulnerabilities.jiraDueDateMoved === 0 ? null : (
        <p className="fb-note">
          {vulnerabilities.jiraDueDateMoved === 1 ? '1 finding has' : `${String(vulnerabilities.jiraDueDateMoved)} findings have`} a Jira Due date other than its remediation window’s. Firebreak
          judges by the window it recorded, not by the Due date.
        </p>
      )}
    </section>
  );
}

function PeriodHealth({ period, aim, locale, timezone }: { readonly period: Period; readonly aim: number; readonly locale: string | undefined; readonly timezone: string | undefined }) {
  const headingId = `fb-health-${period.start}`;
  const state = period.state === 'active' ? 'Active' : period.state === 'closed' ? 'Closed' : null;
  return (
    <section className="fb-section fb-health__period" aria-labelledby={headingId}>
      <div className="fb-gadget__sprint">
        <h2 className="fb-heading" id={headingId}>
          {period.name}
        </h2>
        {state === null ? null : <Lozenge tone={period.state === 'active' ? 'inprogress' : 'default'}>{state}</Lozenge>}
        <span className="fb-meta">{formatPeriodDates(period, locale, timezone)}</span>
      </div>
      {period.arrived === 0 && period.resolved === 0 ? (
        <p className="fb-meta">{HEALTH_COPY.noneArrived}</p>
      ) : (
        <>
          <p className="fb-text">
            {String(period.arrived)} arrived · {String(period.resolved)} resolved
          </p>
          <ComplianceFigure compliance={period.compliance} aim={aim} locale={locale} label="First responses" />
          <div className="fb-table-scroll" tabIndex={0} role="region" aria-label={`${period.name} by severity`}>
            <table className="fb-table fb-health__table">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col" title="Arrived">
                    In
                  </th>
                  <th scope="col" title="Resolved">
                    Out
                  </th>
                  <th scope="col" title="First responses by the guideline date">
                    On time
                  </th>
                  <th scope="col" title="Time to acknowledge: mean, median below">
                    Ack
                  </th>
                  <th scope="col" title="Time to resolve: mean, median below">
                    Resolve
                  </th>
                </tr>
              </thead>
              <tbody>
                {period.bySeverity.map((row) => (
                  <tr key={row.id}>
                    <LevelHeader row={row} />
                    <td>{row.arrived}</td>
                    <td>{row.resolved}</td>
                    <td>{formatMetCell(row.compliance)}</td>
                    <td>
                      <Duration stats={row.acknowledge} />
                    </td>
                    <td>
                      <Duration stats={row.resolve} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {period.byKind.length === 0 ? null : (
            <p className="fb-meta">
              By kind: {period.byKind.map((kind) => `${kind.name} ${String(kind.arrived)} in, ${String(kind.resolved)} out`).join(' · ')}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Duration({ stats }: { readonly stats: Period['bySeverity'][number]['acknowledge'] }) {
  if (stats === null) return <span className="fb-meta">–</span>;
  return (
    <span className="fb-health__duration">
      <span title={`Mean over ${String(stats.count)} issue${stats.count === 1 ? '' : 's'}`}>{formatDuration(stats.meanSeconds)}</span>
      {stats.count > 1 ? <span className="fb-meta">median {formatDuration(stats.medianSeconds)}</span> : null}
    </span>
  );
}

/** A severity row's header: the level's colour dot ("Not decided" has none) and its name. */
function LevelHeader({ row }: { readonly row: { readonly id: string; readonly name: string; readonly rank: number | null } }) {
  return (
    <th scope="row">
      <span className={`fb-health__dot fb-health__dot--${row.id === HEALTH_NOT_DECIDED ? 'none' : severityToneOf(row.rank)}`} aria-hidden="true" />
      {row.name}
    </th>
  );
}
