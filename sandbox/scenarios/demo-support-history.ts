/**
 * The demo team's support history from before today: for SHOP's resolved incidents and support
 * requests, what Firebreak would have recorded while the team worked them (a decided severity and
 * kind, the guideline date the decision set, the first response, time waiting for the reporter), so
 * the capacity gadget's Health view shows real arrivals, resolutions, met and missed guideline dates.
 *
 * These decisions happened in the past, which no resolver can do with today's clock, so they are
 * written into the app's storage the way Forge's storage tools would (shapes checked with the app's
 * own schemas). Everything is derived from the Jira issues as served: the first response is the first
 * comment after the decision, waiting is each stay in "Waiting for reporter" from the changelog.
 * Issues the story itself reports and decides (and any other issue with a record) are left alone.
 *
 * issue 16: the incidents at levels with an update cadence also get the stakeholder updates the team
 * sent (kept in app storage as the app keeps them), so the Health view's on-time updates show a mix:
 * a few updates a cadence apart, some of them late, the last due one sometimes missed, and the
 * closing update at the resolution.
 */
import { EMPTY_REPORT_FIELDS, storedReportSchema, type StoredReport } from '../../src/contract/report.contract';
import { appliedPolicyStateSchema, type AppliedPolicyState } from '../../src/contract/policy.contract';
import { levelCommunication, type PolicyLevel } from '../../src/contract/policy.contract';
import { keptUpdateSchema, type KeptUpdate } from '../../src/contract/stakeholder-updates.contract';
import { DEFAULT_POLICY } from '../../src/domain/policy/presets';
import { audienceWords, NOTHING_NEW_TEXT, subjectFor } from '../../src/domain/updates/stakeholder-update';
import type { Sandbox } from '../sandbox';

const DEVON = 'acc-devon-oncall';
const MIN = 60_000;

interface ServedIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: {
    readonly summary: string;
    readonly created: string;
    readonly resolutiondate: string | null;
    readonly issuetype: { readonly name: string };
    readonly comment?: { readonly comments: ReadonlyArray<{ readonly created: string }> };
  };
  readonly changelog?: { readonly histories: ReadonlyArray<{ readonly created: string; readonly items: ReadonlyArray<{ readonly field: string; readonly fromString?: string | null; readonly toString?: string | null }> }> };
}

const WAITING = 'Waiting for reporter';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body shape it expects
const appCall = async <T>(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<{ readonly status: number; readonly body: T }> => {
  const answer = await sandbox.jira.handle({ kind: 'app' }, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: answer.status, body: (answer.body === '' ? undefined : JSON.parse(answer.body)) as T };
};

const storage = async (sandbox: Sandbox, operation: 'get' | 'set', body: Record<string, unknown>): Promise<unknown> => {
  const response = await sandbox.kvs.handle(`/api/v1/entity/${operation}`, { method: 'POST', body: JSON.stringify(body) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`The demo's support history could not ${operation} a record: ${String(response.status)}`);
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as { value?: unknown }).value;
};

const iso = (ms: number): string => new Date(ms).toISOString();

/** Stays in "Waiting for reporter", oldest first, from the changelog. */
const waitingSpans = (issue: ServedIssue): Array<{ readonly sentAt: string; readonly returnedAt: string | undefined }> => {
  const moves = (issue.changelog?.histories ?? [])
    .flatMap((history) => history.items.filter((item) => item.field === 'status').map((item) => ({ at: history.created, from: item.fromString ?? '', to: item.toString ?? '' })))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const spans: Array<{ sentAt: string; returnedAt: string | undefined }> = [];
  for (const move of moves) {
    if (move.to === WAITING) spans.push({ sentAt: iso(Date.parse(move.at)), returnedAt: undefined });
    const open = spans.at(-1);
    if (move.from === WAITING && open !== undefined && open.returnedAt === undefined) open.returnedAt = iso(Date.parse(move.at));
  }
  return spans;
};

/**
 * The history of one issue. Incidents are Critical or Major, support requests Medium or Minor (by
 * the issue's number, so the demo is the same on every start). The triager decided some time after
 * the issue arrived and then answered (by the first comment, else by resolving it): for four issues
 * in five the decision came half a target before that answer (met), for every fifth one ten minutes
 * after arrival, so a late answer misses its guideline date.
 */
const historyOf = (issue: ServedIssue): { readonly report: StoredReport; readonly policy: AppliedPolicyState; readonly updates: readonly KeptUpdate[] } | null => {
  if (issue.fields.resolutiondate === null) return null;
  const number = Number(issue.key.split('-')[1] ?? 0);
  const incident = issue.fields.issuetype.name === 'Incident';
  const levelId = incident ? (number % 3 === 0 ? 'critical' : 'major') : number % 2 === 0 ? 'medium' : 'minor';
  const level = DEFAULT_POLICY.levels.find((candidate) => candidate.id === levelId);
  if (level === undefined) return null;
  const created = Date.parse(issue.fields.created);
  const targetMs = level.responseTargetMinutes * MIN;
  const firstComment = (issue.fields.comment?.comments ?? []).map((comment) => Date.parse(comment.created)).filter((at) => at > created + 10 * MIN).sort((a, b) => a - b)[0];
  // Answered by the first comment, else by the resolution itself.
  const answeredAt = firstComment ?? Date.parse(issue.fields.resolutiondate);
  const decidedAt = number % 5 === 0 ? created + 10 * MIN : Math.max(created + 10 * MIN, answeredAt - targetMs / 2);
  const firstResponse = firstComment !== undefined && firstComment >= decidedAt ? firstComment : undefined;
  const decision = iso(decidedAt);
  const report = storedReportSchema.parse({
    schemaVersion: 2,
    revision: 3,
    fields: EMPTY_REPORT_FIELDS,
    severityHistory: [{ kind: 'decision', level: level.id, levelName: level.name, by: DEVON, at: decision }],
    classification: { level: 'code-or-data', kind: incident ? 'incident' : 'support-request', classOfService: incident ? 'emergency' : 'support-request', classifiedBy: DEVON, classifiedAt: decision },
    manualChecks: {},
    sendBacks: waitingSpans(issue).map((span) => ({ sentAt: span.sentAt, sentBy: DEVON, missing: [], previousAssignee: null, previousStatus: 'In Progress', ...(span.returnedAt === undefined ? {} : { returnedAt: span.returnedAt }) })),
    search: { decidedSeverity: level.id, kind: incident ? 'incident' : 'support-request', classOfService: incident ? 'emergency' : 'support-request', ready: 'yes', waitingForReporter: 'no' },
    updatedAt: decision,
    updatedBy: DEVON,
  } satisfies StoredReport);
  const policy = appliedPolicyStateSchema.parse({
    schemaVersion: 1,
    decisionAt: decision,
    level: level.id,
    responseDueAt: iso(decidedAt + targetMs),
    nextUpdateDueAt: null,
    commented: true,
    ...(firstResponse === undefined ? {} : { firstResponseAt: iso(firstResponse) }),
    remindedFor: [],
  } satisfies AppliedPolicyState);
  return { report, policy, updates: updatesOf(issue, level, decidedAt, number) };
};

/** Updates the demo team sent on an incident it worked, at most three; on every fourth incident the second went out 15 minutes late. */
const UPDATES_MAX = 3;

const updatesOf = (issue: ServedIssue, level: PolicyLevel, decidedAt: number, number: number): KeptUpdate[] => {
  const cadence = level.updateCadenceMinutes;
  const resolvedAt = Date.parse(issue.fields.resolutiondate ?? '');
  if (cadence === null || Number.isNaN(resolvedAt)) return [];
  const communication = levelCommunication(level);
  const common = { by: { accountId: DEVON, displayName: 'Devon Park' }, subject: subjectFor(communication.subjectTemplate, level, { key: issue.key, summary: issue.fields.summary }), audience: audienceWords(communication), status: 'sent' as const };
  const updates: KeptUpdate[] = [];
  let due = decidedAt + cadence * MIN;
  for (let index = 0; index < UPDATES_MAX; index += 1) {
    const at = number % 4 === 0 && index === 1 ? due + 15 * MIN : due - 5 * MIN;
    if (at >= resolvedAt) break;
    const nextDueAt = at + cadence * MIN;
    updates.push(
      keptUpdateSchema.parse({
        ...common,
        actionId: `demo-history-${issue.key}-${String(index + 1)}`,
        kind: index === 1 ? 'nothing-new' : 'update',
        at: iso(at),
        text: index === 1 ? NOTHING_NEW_TEXT : index === 0 ? `We are looking into ${issue.fields.summary}.` : 'A fix is being rolled out; we are watching the error rate.',
        nextDueAt: iso(nextDueAt),
      } satisfies KeptUpdate),
    );
    due = nextDueAt;
  }
  if (updates.length === 0) return updates;
  const closing = { ...common, actionId: 'closing-update', kind: 'closing' as const, by: { accountId: 'app', displayName: 'Firebreak' }, at: iso(resolvedAt), text: `Resolved: ${issue.fields.summary}. This was the last update on this incident.`, nextDueAt: null };
  return [...updates, keptUpdateSchema.parse(closing satisfies KeptUpdate)];
};

/** Writes a kept update under the key the app keeps it at (`stakeholder-update:{issueId}:{actionId}`). */
const keepUpdate = async (sandbox: Sandbox, issue: ServedIssue, update: KeptUpdate): Promise<void> => {
  const response = await sandbox.kvs.handle('/api/v1/set', { method: 'POST', body: JSON.stringify({ key: `stakeholder-update:${issue.id}:${update.actionId}`, value: { ...update, issueId: issue.id, issueKey: issue.key } }) });
  if (!response.ok) throw new Error(`The demo's support history could not keep an update: ${String(response.status)}`);
};

/** Writes the history of SHOP's resolved support issues that have no record yet; returns how many. */
export async function seedSupportHistory(sandbox: Sandbox): Promise<number> {
  const found = await appCall<{ issues: ReadonlyArray<{ key: string }> }>(sandbox, 'POST', '/rest/api/3/search/jql', {
    jql: 'project = SHOP AND issuetype in (Incident, "Support request") AND resolution IS NOT EMPTY',
    fields: ['key'],
    maxResults: 100,
  });
  let written = 0;
  for (const { key } of found.body.issues) {
    const served = await appCall<ServedIssue>(sandbox, 'GET', `/rest/api/3/issue/${key}?fields=summary,created,resolutiondate,issuetype,comment&expand=changelog`);
    const issue = served.body;
    if (served.status !== 200 || (await storage(sandbox, 'get', { entityName: 'issue-report', key: issue.id })) !== undefined) continue;
    const history = historyOf(issue);
    if (history === null) continue;
    await storage(sandbox, 'set', { entityName: 'issue-report', key: issue.id, value: { issueKey: key, projectKey: 'SHOP', version: history.report.revision, updatedAt: history.report.updatedAt, document: history.report } });
    await storage(sandbox, 'set', { entityName: 'issue-policy', key: issue.id, value: { issueKey: key, projectKey: 'SHOP', version: 1, reminding: 'no', nextUpdateDueAt: '', document: history.policy } });
    for (const update of history.updates) await keepUpdate(sandbox, issue, update);
    written += 1;
  }
  return written;
}
