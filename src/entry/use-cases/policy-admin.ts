import { randomUUID } from 'node:crypto';

import { ForgeKvsAPIError } from '@forge/kvs';

import type { LevelMove, LevelUsage, PolicyRecord, PolicyView, ScaleChangeView, SeverityPolicy } from '../../contract/policy.contract';
import { weeklyBudgetStatus } from '../../domain/policy/apply-policy';
import { describePolicyChanges } from '../../domain/policy/policy-diff';
import { DEFAULT_POLICY, POLICY_PRESETS } from '../../domain/policy/presets';
import { carriesMovedLevel, checkMoves, countLevelUsage, decidedToTopAt, describeMoves, utcWeekStart } from '../../domain/policy/scale-change';
import { isJiraError } from '../../jira/jira-error';
import { getPriorityNames } from '../../jira/priorities';
import { getDisplayNames } from '../../jira/users';
import { clearCapacityCache } from '../../storage/capacity-cache.store';
import { saveTogether } from '../../storage/compare-and-swap';
import { policyRecordWrite, readPolicyRecord, savePolicyRecord } from '../../storage/policy.store';
import { newScaleChangeWrite, readScaleChange, type ScaleChangePlan, type StoredScaleChange } from '../../storage/scale-change.store';
import { refuse } from '../refusal';
import type { HandlerContext } from '../resolvers/resolver-definition';
import { carryOutScaleChange, reportsInScope } from './plans/scale-change';

const HISTORY_KEPT = 50;
const DAY_MS = 86_400_000;

/** What the scope's issues look like in the app's own records: one pass over them for the whole page. */
interface ScopeFigures {
  readonly usage: Record<string, LevelUsage>;
  /** When each issue now at the top level was decided there, over the last eight days. */
  readonly decidedToTopAt: readonly string[];
  /** Issues still naming a level the last scale change removed. */
  readonly remaining: number;
}

/**
 * One pass over the app's records of the scope's issues (the project's, or those of every project
 * using the site's scale), as the app after the caller's permission on the scope was checked: how
 * many carry each level, when issues were decided to the top level, what a running scale change
 * has left. Counted from app storage, not from the issue property anyone with Edit issues can write.
 */
const readScopeFigures = async (handler: HandlerContext, projectKey: string | null, policy: SeverityPolicy, scaleChange: StoredScaleChange | null): Promise<ScopeFigures> => {
  const reports = [];
  for await (const { stored } of reportsInScope(handler.jira.asApp, projectKey)) reports.push(stored.report);
  const top = policy.levels[0]?.id;
  const since = handler.now().getTime() - 8 * DAY_MS;
  const decided = top === undefined ? [] : reports.map((report) => decidedToTopAt(report, top)).filter((at): at is string => at !== undefined && Date.parse(at) >= since);
  const moves = scaleChange?.status === 'running' ? scaleChange.plan.moves : [];
  return { usage: countLevelUsage(reports), decidedToTopAt: decided, remaining: moves.length === 0 ? 0 : reports.filter((report) => carriesMovedLevel(report, moves)).length };
};

/**
 * The figures are what the page reports beside the policy: when Jira or storage cannot answer now
 * (a 429 listing projects), the policy still opens and the page says the counts are missing.
 */
const readScopeFiguresIfAble = async (...args: Parameters<typeof readScopeFigures>): Promise<ScopeFigures | null> => {
  try {
    return await readScopeFigures(...args);
  } catch (error) {
    if (isJiraError(error) || error instanceof ForgeKvsAPIError) {
      console.error('the policy page opens without its issue counts', error.message);
      return null;
    }
    throw error;
  }
};

/** The top level's weekly budget: decisions to it this week (UTC, from Monday), and when each was made. */
const budgetOf = (policy: SeverityPolicy, figures: ScopeFigures, now: Date): PolicyView['budget'] => {
  const weekStart = utcWeekStart(now).getTime();
  const status = weeklyBudgetStatus(policy, figures.decidedToTopAt.filter((at) => Date.parse(at) >= weekStart).length);
  return status === null ? null : { levelName: status.level.name, used: status.used, budget: status.budget, exceeded: status.exceeded, decidedAt: [...figures.decidedToTopAt] };
};

/**
 * Display names for the people the history names, as Jira shows them to the viewer. A courtesy:
 * when Jira cannot answer, the page still opens and says "someone" instead.
 */
const namesOf = async (handler: HandlerContext, accountIds: readonly string[]): Promise<Record<string, string>> => {
  if (accountIds.length === 0) return {};
  try {
    return Object.fromEntries(await getDisplayNames(handler.jira.asUser, accountIds));
  } catch (error) {
    if (isJiraError(error)) return {};
    throw error;
  }
};

/** part: updates (issue 16): the levels' escalation contacts, whom the page shows by name. */
const escalationContactsOf = (policy: SeverityPolicy): string[] => policy.levels.flatMap((level) => level.communication?.escalationContact ?? []);

const scaleChangeView = (stored: StoredScaleChange | null, remaining: number | null): ScaleChangeView | null =>
  stored === null
    ? null
    : {
        status: stored.status,
        moves: stored.plan.moves.map(({ from, fromName, to, toName }) => ({ from, fromName, to, toName })),
        mapped: stored.progress.mapped,
        remaining,
        message: stored.outcome === '' ? `${describeMoves(stored.plan.moves)}: moving the issues to the new scale.` : stored.outcome,
        startedAt: stored.plan.createdAt,
      };

/** The admin page's view of a scope: its own policy (or the one it falls back on), version and history. */
export const readPolicyView = async (projectKey: string | null, handler: HandlerContext, canEdit: boolean): Promise<PolicyView> => {
  const [own, site, jiraPriorities] = await Promise.all([
    readPolicyRecord(projectKey),
    projectKey === null ? Promise.resolve(null) : readPolicyRecord(null),
    getPriorityNames(handler.jira.asUser),
  ]);
  const policy = own?.policy ?? site?.policy ?? DEFAULT_POLICY;
  const history = own?.history ?? [];
  const scaleChange = own?.scaleChangePlanId === undefined ? null : await readScaleChange(own.scaleChangePlanId);
  const [figures, names] = await Promise.all([readScopeFiguresIfAble(handler, projectKey, policy, scaleChange), namesOf(handler, [...history.map((change) => change.by), ...escalationContactsOf(policy)])]);
  return {
    scope: projectKey === null ? { kind: 'global' } : { kind: 'project', projectKey },
    version: own?.version ?? 0,
    policy,
    source: own?.policy != null ? (projectKey === null ? 'site' : 'project') : site?.policy != null ? 'site' : 'default',
    canEdit,
    presets: POLICY_PRESETS.map(({ id, name, policy: presetPolicy }) => ({ id, name, policy: presetPolicy })),
    history,
    names,
    jiraPriorities,
    budget: figures === null ? null : budgetOf(policy, figures, handler.now()),
    usage: figures?.usage ?? null,
    scaleChange: scaleChangeView(scaleChange, figures?.remaining ?? null),
  };
};

const conflict = (projectKey: string | null, newest: PolicyRecord | null): never =>
  refuse(
    'CONFLICT',
    `Someone else changed ${projectKey === null ? 'the site’s severity policy' : `${projectKey}’s severity policy`} while you were editing (it is now at version ${String(newest?.version ?? 0)}). Their version is shown; apply your change to it and save again.`,
  );

/** What a save asks of a scale change: where removed levels' issues move, and which click this is. */
export interface ScaleChangeRequest {
  readonly mapping?: readonly LevelMove[] | undefined;
  readonly actionId?: string | undefined;
}

const scopeKey = (projectKey: string | null): string => (projectKey === null ? 'site' : `project:${projectKey}`);

/**
 * Saves a scope's policy (or, for a project, `null`: back to the site's), recording who changed what
 * and when. Storage decides whether the version the person started from is still the newest: of two
 * saves from the same version exactly one lands, and the other is refused with CONFLICT so that
 * person can reapply their change to the newer version (nothing is overwritten, the history
 * included).
 *
 * A save that takes levels away from the scale in force (a preset switch, a removed level, a new
 * id) moves the issues on them: the moves are checked (every removed level moves to a level of the
 * new scale, nothing else moves), recorded with the policy in one transaction as a plan, and carried
 * out at once for as long as the call allows; the scheduled run finishes the rest. A save repeated
 * with the same action id finishes that change instead of making another.
 */
export const savePolicy = async (projectKey: string | null, policy: SeverityPolicy | null, baseVersion: number, handler: HandlerContext, request: ScaleChangeRequest = {}): Promise<PolicyView> => {
  if (policy === null && projectKey === null) refuse('INVALID_INPUT', 'The site needs a policy; choose a preset to start from.', 'policy');
  const planId = `scale-change:${scopeKey(projectKey)}:${request.actionId ?? randomUUID()}`;
  const earlier = request.actionId === undefined ? null : await readScaleChange(planId);
  if (earlier !== null) {
    if (earlier.status === 'running') await carryOutScaleChange(handler.jira.asApp, earlier, handler.now());
    return readPolicyView(projectKey, handler, true);
  }

  const [current, site] = await Promise.all([readPolicyRecord(projectKey), projectKey === null ? Promise.resolve(null) : readPolicyRecord(null)]);
  if ((current?.version ?? 0) !== baseVersion) conflict(projectKey, current);
  if (policy !== null) await checkPriorities(policy, handler);
  const fallback = site?.policy ?? DEFAULT_POLICY;
  const before = current?.policy ?? (projectKey === null ? DEFAULT_POLICY : fallback);
  if (policy === null && current?.policy == null) return readPolicyView(projectKey, handler, true);

  const checked = checkMoves(before, policy ?? fallback, request.mapping);
  if (!checked.ok) refuse('INVALID_INPUT', checked.message, checked.field);
  const moves = checked.ok ? checked.moves : [];
  if (moves.length > 0) await refuseWhileMoving(current);

  const changes = policy === null ? ['Removed this project’s own policy: the site’s policy applies again.'] : describePolicyChanges(before, policy);
  if (moves.length > 0) changes.push(`Issues on removed levels move: ${describeMoves(moves)}.`);
  const version = baseVersion + 1;
  const at = handler.now().toISOString();
  const plan: ScaleChangePlan | null =
    moves.length === 0 ? null : { schemaVersion: 1, id: planId, projectKey, policyVersion: version, moves: [...moves], requestedBy: handler.access.accountId, createdAt: at };
  const planRef = plan?.id ?? current?.scaleChangePlanId;
  const record: PolicyRecord = {
    schemaVersion: 1,
    version,
    policy,
    updatedAt: at,
    updatedBy: handler.access.accountId,
    history: [{ version, at, by: handler.access.accountId, changes: changes.length === 0 ? ['Saved without changes.'] : changes }, ...(current?.history ?? [])].slice(0, HISTORY_KEPT),
    ...(planRef === undefined ? {} : { scaleChangePlanId: planRef }),
  };
  const saved = plan === null ? await savePolicyRecord(projectKey, record, baseVersion) : await saveTogether([policyRecordWrite(projectKey, record, baseVersion), newScaleChangeWrite(plan)]);
  if (saved === 'conflict') conflict(projectKey, await readPolicyRecord(projectKey));
  await clearCapacityCache();
  if (plan !== null) await carryOutScaleChange(handler.jira.asApp, { plan, progress: { mapped: 0, postmortems: 0, jiraRefused: [] }, status: 'running', version: 1, outcome: '', updatedAt: at }, handler.now());
  return readPolicyView(projectKey, handler, true);
};

/**
 * One scale change at a time per scope: moving issues from a level the running change is still
 * moving them to would strand them on a level neither scale has.
 */
const refuseWhileMoving = async (current: PolicyRecord | null): Promise<void> => {
  if (current?.scaleChangePlanId === undefined) return;
  const running = await readScaleChange(current.scaleChangePlanId);
  if (running?.status !== 'running') return;
  refuse(
    'IN_PROGRESS',
    `The last scale change (${describeMoves(running.plan.moves)}) is still moving issues: ${String(running.progress.mapped)} moved so far. Save this change once it has finished, within a few minutes; your edits stay in the form.`,
    'mapping',
  );
};

/** Each level's Jira priority must exist on this site (read as the admin). */
const checkPriorities = async (policy: SeverityPolicy, handler: HandlerContext): Promise<void> => {
  const priorities = await getPriorityNames(handler.jira.asUser);
  const index = policy.levels.findIndex((level) => level.jiraPriority !== null && !priorities.includes(level.jiraPriority));
  const level = policy.levels[index];
  if (level !== undefined) {
    refuse(
      'INVALID_INPUT',
      `${level.name} maps to the Jira priority "${level.jiraPriority ?? ''}", which this site does not have. Choose one of: ${priorities.join(', ')}.`,
      `policy.levels.${String(index)}.jiraPriority`,
    );
  }
};
