import { adf } from '../../contract/adf';
import type { SeverityPolicy } from '../../contract/policy.contract';
import type { StoredReport } from '../../contract/report.contract';
import { PROCESS_REVIEW_LABEL, type ProcessReviewSetting, type ProcessReviewView } from '../../contract/process-review.contract';
import { reviewFacts, reviewSchedule, reviewSentences, type ReviewedIssue, type ReviewedSendBack } from '../../domain/policy/process-review';
import { decidedToTopAt } from '../../domain/policy/scale-change';
import { decidedSeverityOf, waitingSeconds } from '../../domain/report/report';
import { bulkFetchIssues, createIssue } from '../../jira/issues';
import { isJiraError } from '../../jira/jira-error';
import type { JiraTransport } from '../../jira/jira-transport';
import { listProjectKeys } from '../../jira/projects';
import { searchAll } from '../../jira/search';
import { projectHasReports } from '../../storage/issue-classes.store';
import { listProjectReports } from '../../storage/issue-state.store';
import { claimOnce, releaseClaim } from '../../storage/once.store';
import { listProjectPolicies, readPolicyRecord, readEffectivePolicy } from '../../storage/policy.store';
import { readProcessReview, readReviewFiling, saveProcessReview, writeReviewFiling } from '../../storage/process-review.store';
import { readAppliedPolicies } from '../../storage/support-records.store';
import { Refusal } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';

/** The review task's issue type, by name: Jira's default type for work that is not a bug or a story. */
const REVIEW_ISSUE_TYPE = 'Task';
/** The entity property on a review task naming the review date it is for: how a run tells its own task after a failure. */
const REVIEW_PROPERTY = 'firebreak-process-review';
/** A filing claimed longer ago than this and never recorded as done is looked for in Jira, then filed again. */
const STALE_FILING_MS = 15 * 60_000;
/** A review Jira refused (no Task type, say) is tried again after this long, not on every run. */
const RETRY_REFUSED_MS = 24 * 3_600_000;

/**
 * When a scope's policy was first saved, which the first review counts from: version 1 in its
 * history when it is still there (the history keeps 50 changes), else its oldest change, else its
 * last save; null when the scope never saved a policy.
 */
const policyAnchor = async (projectKey: string | null): Promise<string | null> => {
  const record = await readPolicyRecord(projectKey);
  if (record === null) return null;
  const oldest = [...record.history].sort((a, b) => a.version - b.version)[0];
  return oldest?.at ?? record.updatedAt;
};

/**
 * A scope's schedule as its admins see it: its own setting; for a project, the schedule in force
 * (its own, else the site's) counted from its own policy's first save, else the site policy's.
 */
export const readProcessReviewView = async (projectKey: string | null, now: Date, canEdit: boolean): Promise<ProcessReviewView> => {
  const [stored, ownAnchor, site, siteAnchor] = await Promise.all([readProcessReview(projectKey), policyAnchor(projectKey), projectKey === null ? null : readProcessReview(null), projectKey === null ? null : policyAnchor(null)]);
  const ownPolicy = projectKey === null || (await readPolicyRecord(projectKey))?.policy != null;
  const anchorAt = ownPolicy ? ownAnchor : siteAnchor;
  const inForce = stored?.setting ?? site?.setting ?? null;
  const filing = projectKey === null ? null : await readReviewFiling(projectKey);
  return {
    projectKey,
    setting: stored?.setting ?? null,
    siteSetting: projectKey === null ? null : (site?.setting ?? null),
    version: stored?.version ?? 0,
    anchorAt,
    nextReviewAt: inForce === null || anchorAt === null ? null : reviewSchedule(anchorAt, inForce, now.toISOString()).next,
    filed: filing?.status === 'filed' && filing.issueKey !== undefined && projectKey !== null ? [{ projectKey, issueKey: filing.issueKey, dueAt: filing.dueAt }] : [],
    canEdit,
  };
};

/** Saves a scope's review setting by compare-and-swap; of two admins saving from one version, the second is told to reload. */
export const saveProcessReviewSetting = async (projectKey: string | null, setting: ProcessReviewSetting | null, baseVersion: number, handler: HandlerContext): Promise<ProcessReviewView> => {
  const now = handler.now();
  const outcome = await saveProcessReview(projectKey, { schemaVersion: 1, version: baseVersion + 1, setting, updatedAt: now.toISOString(), updatedBy: handler.access.accountId }, baseVersion);
  if (outcome === 'conflict') throw new Refusal('CONFLICT', 'Someone else changed the review schedule since you opened this page. Reload to see theirs, then change it again if you still need to.');
  return readProcessReviewView(projectKey, now, true);
};

// ── The scheduled run ───────────────────────────────────────────────────────────────────────────

interface ReviewScope {
  readonly projectKey: string;
  readonly setting: ProcessReviewSetting;
  readonly anchorAt: string;
  readonly policy: SeverityPolicy;
}

/**
 * The projects whose process may be due for review, each with its schedule (its own, else the
 * site's) and what the schedule counts from (its own policy's first save, else the site policy's):
 * projects with their own policy, and projects on the site policy where Firebreak holds records.
 */
const reviewScopes = async (app: JiraTransport): Promise<ReviewScope[]> => {
  const [site, siteAnchor, own] = await Promise.all([readProcessReview(null), policyAnchor(null), listProjectPolicies()]);
  const scopes: ReviewScope[] = [];
  const ownKeys = new Set(own.map((entry) => entry.projectKey));
  for (const { projectKey, stored } of own) {
    const setting = (await readProcessReview(projectKey))?.setting ?? site?.setting ?? null;
    const anchorAt = await policyAnchor(projectKey);
    if (setting !== null && anchorAt !== null) scopes.push({ projectKey, setting, anchorAt, policy: stored.policy });
  }
  // Projects on the site policy count from its first save: with none saved, there is nothing to count from.
  if (siteAnchor === null) return scopes;
  for (const projectKey of await listProjectKeys(app)) {
    if (ownKeys.has(projectKey) || !(await projectHasReports(projectKey))) continue;
    const setting = (await readProcessReview(projectKey))?.setting ?? site?.setting ?? null;
    if (setting !== null) scopes.push({ projectKey, setting, anchorAt: siteAnchor, policy: (await readEffectivePolicy(projectKey)).policy });
  }
  return scopes;
};

/** What the app recorded about the project's decided issues and send-backs; resolution dates read from Jira as the app (100 a call). */
const projectRecords = async (app: JiraTransport, projectKey: string, policy: SeverityPolicy): Promise<{ issues: ReviewedIssue[]; sendBacks: ReviewedSendBack[] }> => {
  const reports: Array<{ id: string; key: string; report: StoredReport }> = [];
  for await (const { issue, stored } of listProjectReports(projectKey)) reports.push({ id: issue.id, key: issue.key, report: stored.report });
  const decided = reports.filter((entry) => decidedSeverityOf(entry.report) !== undefined);
  const [applied, fetched] = await Promise.all([readAppliedPolicies(decided.map((entry) => entry.id)), bulkFetchIssues(app, decided.map((entry) => entry.id), ['resolutiondate'])]);
  const resolved = new Map(fetched.map((issue) => [issue.id, typeof issue.fields['resolutiondate'] === 'string' ? issue.fields['resolutiondate'] : null]));
  const topId = policy.levels[0]?.id ?? '';
  const issues = decided.flatMap(({ id, key, report }): ReviewedIssue[] => {
    const decision = decidedSeverityOf(report);
    if (decision === undefined) return [];
    const state = applied.get(id);
    return [
      {
        key,
        level: decision.level,
        decidedAt: decision.at,
        decidedToTopAt: decidedToTopAt(report, topId),
        responseDueAt: state?.responseDueAt ?? null,
        firstResponseAt: state?.firstResponseAt ?? null,
        resolvedAt: resolved.get(id) ?? null,
        waitingSeconds: waitingSeconds(report, new Date().toISOString()),
        updatesLate: state?.remindedFor.length ?? 0,
      },
    ];
  });
  const sendBacks = reports.flatMap(({ report }) => report.sendBacks.map((sendBack) => ({ sentAt: sendBack.sentAt, missing: sendBack.missing })));
  return { issues, sendBacks };
};

/** A review task Firebreak filed for this review date before a failure kept it from recording so, if Jira shows one. */
const findFiledReview = async (app: JiraTransport, projectKey: string, dueAt: string): Promise<string | null> => {
  const found = await searchAll(app, `project = "${projectKey}" AND labels = "${PROCESS_REVIEW_LABEL}" ORDER BY created DESC`, ['summary'], [REVIEW_PROPERTY], 50);
  const match = found.find((issue) => (issue.properties?.[REVIEW_PROPERTY] as { dueAt?: unknown } | undefined)?.dueAt === dueAt);
  return match?.key ?? null;
};

/**
 * Files the review task of every project whose review date has come, once per project and date: a
 * claim per date lets one run through, the filing is recorded before and after Jira creates the task,
 * and a filing a failure left unrecorded is looked for in Jira (by its label and property) before it
 * is filed again. A refusal (no Task type in the project) is recorded and tried again a day later.
 * Returns the keys filed.
 */
export const fileDueProcessReviews = async (app: JiraTransport, now: Date): Promise<string[]> => {
  const filed: string[] = [];
  for (const scope of await reviewScopes(app)) {
    const { due, periodStart } = reviewSchedule(scope.anchorAt, scope.setting, now.toISOString());
    if (due === null) continue;
    const last = await readReviewFiling(scope.projectKey);
    if (last !== null && last.dueAt === due) {
      if (last.status === 'filed') continue;
      if (now.getTime() - Date.parse(last.claimedAt) < (last.status === 'filing' ? STALE_FILING_MS : RETRY_REFUSED_MS)) continue;
      const existing = last.status === 'refused' ? null : await findFiledReview(app, scope.projectKey, due);
      if (existing !== null) {
        await writeReviewFiling(scope.projectKey, { dueAt: due, status: 'filed', claimedAt: last.claimedAt, issueKey: existing });
        continue;
      }
    }
    // One claim per review date and attempt: a retry after a failure or a refusal claims anew.
    const claim = `process-review:${scope.projectKey}:${due}:${last?.dueAt === due ? last.claimedAt : 'first'}`;
    if (!(await claimOnce(claim, now))) continue;
    await writeReviewFiling(scope.projectKey, { dueAt: due, status: 'filing', claimedAt: now.toISOString() });
    try {
      const { issues, sendBacks } = await projectRecords(app, scope.projectKey, scope.policy);
      const facts = reviewFacts(scope.policy.levels, issues, sendBacks, { start: periodStart, end: due }, now.toISOString());
      const sentences = reviewSentences(facts, 'most severe first');
      const created = await createIssue(app, {
        projectKey: scope.projectKey,
        issueType: REVIEW_ISSUE_TYPE,
        summary: `Review the production support process (${due.slice(0, 10)})`,
        properties: [{ key: REVIEW_PROPERTY, value: { dueAt: due } }],
        optional: { description: adf.doc(...sentences.map((sentence) => adf.paragraph(adf.text(sentence)))), labels: [PROCESS_REVIEW_LABEL] },
      });
      await writeReviewFiling(scope.projectKey, { dueAt: due, status: 'filed', claimedAt: now.toISOString(), issueKey: created.key });
      filed.push(created.key);
    } catch (error) {
      // A 400 created nothing (Jira validates before it creates): wait a day. Anything else may have
      // created the task: the next run after STALE_FILING_MS looks for it before filing again.
      if (isJiraError(error) && error.kind === 'bad-request') {
        await writeReviewFiling(scope.projectKey, { dueAt: due, status: 'refused', claimedAt: now.toISOString(), reason: error.jiraMessages.join(' ').slice(0, 1_000) });
        console.error(`process review for ${scope.projectKey} refused by Jira: ${error.jiraMessages.join(' ')}`);
      } else {
        await releaseClaim(claim);
        console.error(`process review for ${scope.projectKey} not filed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return filed;
};
