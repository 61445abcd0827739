import { ForgeKvsAPIError } from '@forge/kvs';

import type { AppliedPolicyState, SeverityPolicy } from '../../../contract/policy.contract';
import type { StoredReport } from '../../../contract/report.contract';
import { planPolicyApplication } from '../../../domain/policy/apply-policy';
import { carriesMovedLevel, describeMoves, moveAppliedState, moveReport, movesFitScale, type NamedMove } from '../../../domain/policy/scale-change';
import { decidedSeverityOf } from '../../../domain/report/report';
import { getIssueSnapshot, updatePriorityAndLabels } from '../../../jira/issue-snapshot';
import { isJiraError } from '../../../jira/jira-error';
import type { JiraTransport } from '../../../jira/jira-transport';
import { listProjectKeys } from '../../../jira/projects';
import { writeReportProjection } from '../../../jira/report-property';
import { saveTogether, type VersionedWrite } from '../../../storage/compare-and-swap';
import { markIssueFactsStale } from '../../../storage/sprint-facts.store';
import { issueReportWrite, listProjectReports, policyStateWrite, readIssueReport, type IssueRef, type StoredIssueReport } from '../../../storage/issue-state.store';
import { listProjectPolicies, readEffectivePolicy } from '../../../storage/policy.store';
import { listPostmortems, readStoredPostmortem, writePostmortem } from '../../../storage/postmortem.store';
import { listStalledScaleChanges, readScaleChange, recordScaleChange, type ScaleChangeProgress, type StoredScaleChange } from '../../../storage/scale-change.store';
import { StoredDataError } from '../../../storage/stored-data-error';
import { readAppliedState } from '../apply-severity-policy';
import { isPassing, reasonOf, withPlanLease } from './plan-steps';

/**
 * Moving a scope's issues off the levels a scale change removed, as a recorded plan (recorded with
 * the policy save, `policy-admin.ts`). Each issue is one idempotent step, as the app (the admin's
 * permission on the scope was checked when the plan was recorded): Jira's copy first (the level's
 * label and priority, the JQL values), then the app's records of the issue in one transaction (the
 * report's picks and decisions with a history entry, and the applied policy's level), which is what
 * marks the issue done. So a 429 or a stopped function anywhere leaves the issue to be done again in
 * full by the next attempt, and a done issue is never done twice. Each attempt works for a time
 * budget and records how far it got; the scheduled run finishes what is left.
 */

/** How long one attempt moves issues: with the save or run around it and one request waiting out a 429 (up to 12 s), inside a function's 25 s. */
export const SCALE_CHANGE_BUDGET_MS = 6_000;

/** How long a plan sits untouched before the scheduled run takes it over (as for the other plans). */
const STALLED_AFTER_MS = 90_000;

/** The projects a plan moves issues in: its own project, or every project that uses the site's scale. */
export const projectsInScope = async (app: JiraTransport, projectKey: string | null): Promise<string[]> => {
  if (projectKey !== null) return [projectKey];
  const [keys, own] = await Promise.all([listProjectKeys(app), listProjectPolicies()]);
  const withOwn = new Set(own.map((project) => project.projectKey));
  return keys.filter((key) => !withOwn.has(key));
};

/** The app's records of every issue in the scope's projects, project by project. */
export async function* reportsInScope(app: JiraTransport, projectKey: string | null): AsyncGenerator<{ readonly issue: IssueRef; readonly stored: StoredIssueReport }> {
  for (const key of await projectsInScope(app, projectKey)) yield* listProjectReports(key);
}

type IssueOutcome = 'moved' | 'moved-jira-refused' | 'unchanged';

/**
 * Jira's copy of the moved record: the decided level's label and Jira priority (as the policy would
 * set them; no comment: the decision is the same one) and the JQL values in the report property.
 * Jira's Due date stays: the decision and its response target were settled when it was made.
 */
const updateJiraCopy = async (app: JiraTransport, issueKey: string, policy: SeverityPolicy, report: StoredReport, state: AppliedPolicyState | null): Promise<void> => {
  if (decidedSeverityOf(report) !== undefined) {
    const snapshot = await getIssueSnapshot(app, issueKey);
    const plan = planPolicyApplication(policy, report, state, { priorityName: snapshot.priorityName, labels: snapshot.labels, resolved: snapshot.resolved, dueDate: snapshot.dueDate });
    if (plan !== null && (plan.setPriority !== null || plan.addLabels.length > 0 || plan.removeLabels.length > 0)) {
      await updatePriorityAndLabels(app, issueKey, { priority: plan.setPriority, addLabels: plan.addLabels, removeLabels: plan.removeLabels });
    }
  }
  await writeReportProjection(app, issueKey, report);
};

/** Moves one issue; re-reads and tries again when someone saved its record meanwhile. */
const moveIssue = async (app: JiraTransport, issue: IssueRef, moves: readonly NamedMove[], policy: SeverityPolicy, meta: { readonly accountId: string; readonly now: string }): Promise<IssueOutcome> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const [report, state] = await Promise.all([readIssueReport(issue.id), readAppliedState(issue.id)]);
    const movedReport = report === null ? null : moveReport(report.report, moves, meta);
    const movedState = state === null ? null : moveAppliedState(state.state, moves);
    if (movedReport === null && movedState === null) return 'unchanged';
    let jiraRefused = false;
    const current = movedReport ?? report?.report;
    if (current !== undefined) {
      try {
        await updateJiraCopy(app, issue.key, policy, current, movedState ?? state?.state ?? null);
      } catch (error) {
        // Busy or down: stop here, the next attempt does this issue again. Refused for good (no
        // access, deleted): the app's record moves anyway; Jira's copy follows its next change.
        if (isPassing(error) || !isJiraError(error)) throw error;
        jiraRefused = true;
      }
    }
    const writes: VersionedWrite[] = [];
    if (movedReport !== null && report !== null) writes.push(issueReportWrite(issue, movedReport, report.version));
    if (movedState !== null && state !== null) writes.push(policyStateWrite(issue, movedState, state.version));
    // The move renames the issue's severity in capacity facts too (marked before, see saveIssueReport).
    if (movedReport !== null) await markIssueFactsStale(issue.id);
    if ((await saveTogether(writes)) === 'saved') return jiraRefused ? 'moved-jira-refused' : 'moved';
  }
  throw new KeptChanging(issue.key);
};

/**
 * A postmortem keeps its incident's severity: it moves like the issue did (compare-and-swap on its
 * revision, again from a fresh read when someone saved it meanwhile).
 */
const movePostmortem = async (id: string, moves: readonly NamedMove[], meta: { readonly accountId: string; readonly now: string }): Promise<'moved' | 'unchanged'> => {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const stored = await readStoredPostmortem(id);
    const postmortem = stored?.postmortem;
    const move = moves.find((candidate) => candidate.from === postmortem?.severity);
    if (stored === null || postmortem === undefined || move === undefined) return 'unchanged';
    const next = { ...postmortem, severity: move.to, revision: postmortem.revision + 1, updatedAt: meta.now, updatedBy: meta.accountId };
    if ((await writePostmortem(next, { revision: postmortem.revision, legacy: stored.legacy, incidents: postmortem.incidents })) === 'written') return 'moved';
  }
  throw new KeptChanging(id);
};

/** The project's postmortems, or none when one of them is damaged (its page says so to whoever opens it). */
const postmortemsOf = async (projectKey: string): Promise<Array<{ readonly id: string; readonly severity: string | null }>> => {
  try {
    return await listPostmortems(projectKey);
  } catch (error) {
    if (error instanceof StoredDataError) return [];
    throw error;
  }
};

class KeptChanging extends Error {
  constructor(what: string) {
    super(`${what} kept changing while Firebreak moved it to the new scale`);
  }
}

/** Whether a failure passes with time: Jira or storage busy or down, or an issue being edited right now. */
const passes = (error: unknown): boolean =>
  isPassing(error) || error instanceof KeptChanging || (error instanceof ForgeKvsAPIError && (error.responseDetails.status === 429 || error.responseDetails.status >= 500));

/** What the plan did so far and what is left, in the words the admin page shows. */
export const describeProgress = (stored: Pick<StoredScaleChange, 'plan' | 'progress'>, finished: boolean, reason: string | null): string => {
  const { mapped, postmortems, jiraRefused } = stored.progress;
  const count = `${mapped === 1 ? '1 issue' : `${String(mapped)} issues`}${postmortems === 0 ? '' : postmortems === 1 ? ' and 1 postmortem' : ` and ${String(postmortems)} postmortems`}`;
  const moved = `${describeMoves(stored.plan.moves)}: ${count} moved to the new scale`;
  const refused =
    jiraRefused.length === 0 ? '' : ` Jira refused to update the label and search values of ${jiraRefused.join(', ')}: Firebreak's records are moved, and Jira's copy follows at each issue's next change.`;
  if (finished) return `${moved}; none is left on a removed level.${refused}`;
  const sofar = mapped + postmortems === 0 ? `${describeMoves(stored.plan.moves)}: no issue moved to the new scale yet` : `${moved} so far`;
  return `${sofar}; the rest are still being moved${reason === null ? '' : ` (${reason})`}. Firebreak carries on within a few minutes; nothing needs doing.${refused}`;
};

/**
 * One attempt at a plan, under its lease (a double click, a second admin or the scheduled run never
 * work it at once): moves issues until done, a failure that passes with time, or the time budget,
 * then records how far it got. Answers the plan as recorded afterwards.
 */
export const carryOutScaleChange = async (app: JiraTransport, stored: StoredScaleChange, now: Date, budgetMs = SCALE_CHANGE_BUDGET_MS): Promise<StoredScaleChange> => {
  const result = await withPlanLease(stored.plan.id, now, async () => {
    const fresh = (await readScaleChange(stored.plan.id)) ?? stored;
    if (fresh.status !== 'running') return fresh;
    const deadline = Date.now() + budgetMs;
    const meta = { accountId: fresh.plan.requestedBy, now: now.toISOString() };
    const progress = { mapped: fresh.progress.mapped, postmortems: fresh.progress.postmortems, jiraRefused: [...fresh.progress.jiraRefused] };
    let stopped: string | null = null;
    // Done only after a whole pass found nothing left: a record someone saved meanwhile moves in the
    // index the pass pages through, so a pass that moved anything is followed by another.
    let settled = false;
    try {
      for (let pass = 0; pass < 3 && !settled && stopped === null; pass += 1) {
        let found = 0;
        scope: for (const projectKey of await projectsInScope(app, fresh.plan.projectKey)) {
          const { policy } = await readEffectivePolicy(projectKey);
          const moves = fresh.plan.moves.filter((move) => movesFitScale([move], policy).length > 0);
          if (moves.length === 0) continue;
          for await (const { issue, stored: record } of listProjectReports(projectKey)) {
            if (!carriesMovedLevel(record.report, moves)) continue;
            found += 1;
            if (Date.now() > deadline) {
              stopped = 'this attempt used its time';
              break scope;
            }
            const outcome = await moveIssueSafely(app, issue, moves, policy, meta);
            if (outcome !== 'unchanged') progress.mapped += 1;
            if (outcome === 'moved-jira-refused' && progress.jiraRefused.length < 50) progress.jiraRefused.push(issue.key);
          }
          for (const postmortem of await postmortemsOf(projectKey)) {
            if (!moves.some((move) => move.from === postmortem.severity)) continue;
            found += 1;
            if (Date.now() > deadline) {
              stopped = 'this attempt used its time';
              break scope;
            }
            if ((await movePostmortem(postmortem.id, moves, meta)) === 'moved') progress.postmortems += 1;
          }
        }
        settled = found === 0;
      }
      if (!settled) stopped ??= 'issues were still changing; the next attempt looks again';
    } catch (error) {
      if (!passes(error)) throw error;
      stopped = error instanceof KeptChanging ? error.message : reasonOf(error);
    }
    const next: ScaleChangeProgress = progress;
    const status = stopped === null ? 'done' : 'running';
    const message = describeProgress({ plan: fresh.plan, progress: next }, stopped === null, stopped);
    await recordScaleChange(fresh, next, status, message, new Date().toISOString());
    return { ...fresh, progress: next, status, outcome: message, version: fresh.version + 1 } satisfies StoredScaleChange;
  });
  return result === 'busy' ? stored : result;
};

/** A damaged record is passed over (the issue's panel says so to whoever opens it); the rest go on. */
const moveIssueSafely = async (app: JiraTransport, issue: IssueRef, moves: readonly NamedMove[], policy: SeverityPolicy, meta: { readonly accountId: string; readonly now: string }): Promise<IssueOutcome> => {
  try {
    return await moveIssue(app, issue, moves, policy, meta);
  } catch (error) {
    if (error instanceof StoredDataError) return 'unchanged';
    throw error;
  }
};

/** The scheduled run's part: scale changes a failure or the time budget left running, carried on as the app. */
export const finishStalledScaleChanges = async (app: JiraTransport, now: Date): Promise<string[]> => {
  const stalled = await listStalledScaleChanges(new Date(now.getTime() - STALLED_AFTER_MS).toISOString());
  for (const stored of stalled) {
    try {
      await carryOutScaleChange(app, stored, now);
    } catch (error) {
      console.error(`carrying on ${stored.plan.id} failed; the next run tries again`, error instanceof Error ? error.message : error);
    }
  }
  return stalled.map((stored) => stored.plan.id);
};
