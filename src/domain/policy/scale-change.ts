import type { AppliedPolicyState, LevelMove, LevelUsage, SeverityPolicy } from '../../contract/policy.contract';
import type { SeverityEvent, StoredReport } from '../../contract/report.contract';
import { decidedSeverityOf, reporterSeverityOf } from '../report/report';

/**
 * A change of the severity scale, as pure rules: which levels a new scale removes, where the issues
 * on each removed level move, and each issue's record rewritten accordingly. A level is its id:
 * renaming a level keeps its id and moves nothing; a preset switch, a removed level or a level given
 * a new id removes the old id, and every issue naming it must move to a level of the new scale, or
 * the panels, JQL and the Triage list would meet an id the scale no longer has.
 */

/** One removed level's move, with both names, for the sentences people read. */
export interface NamedMove extends LevelMove {
  readonly fromName: string;
  readonly toName: string;
}

/** Levels of `before` whose id `after` does not have, most severe first. */
export const removedLevels = (before: SeverityPolicy, after: SeverityPolicy): SeverityPolicy['levels'] =>
  before.levels.filter((level) => !after.levels.some((candidate) => candidate.id === level.id));

/**
 * Each removed level moves to the new level at its own position (rank): the second most severe to
 * the second most severe, and levels past the new scale's end to its least severe level.
 */
export const defaultMoves = (before: SeverityPolicy, after: SeverityPolicy): LevelMove[] =>
  removedLevels(before, after).flatMap((level) => {
    const target = after.levels[Math.min(before.levels.indexOf(level), after.levels.length - 1)];
    return target === undefined ? [] : [{ from: level.id, to: target.id }];
  });

export type MoveCheck = { readonly ok: true; readonly moves: readonly NamedMove[] } | { readonly ok: false; readonly field: string; readonly message: string };

/**
 * The admin's moves, checked against the two scales: every removed level moves exactly once, to a
 * level of the new scale; nothing else moves (a level that stays keeps its issues: a "move" of
 * Critical while Critical stays would relabel issues nobody re-triaged). Omitted moves take the
 * default by rank.
 */
export const checkMoves = (before: SeverityPolicy, after: SeverityPolicy, proposed: readonly LevelMove[] | undefined): MoveCheck => {
  const removed = removedLevels(before, after);
  const moves = proposed ?? defaultMoves(before, after);
  const named: NamedMove[] = [];
  for (const [index, move] of moves.entries()) {
    const field = `mapping.${String(index)}`;
    const from = before.levels.find((level) => level.id === move.from);
    if (from === undefined) return { ok: false, field, message: `“${move.from}” is not a level of the scale in force, so no issues can move from it. Reload the page to see the current scale.` };
    if (!removed.includes(from)) return { ok: false, field, message: `${from.name} stays on the scale, so its issues stay where they are; only removed levels move.` };
    if (moves.findIndex((other) => other.from === move.from) !== index) return { ok: false, field, message: `${from.name} is given two places to move to; choose one.` };
    const to = after.levels.find((level) => level.id === move.to);
    if (to === undefined) return { ok: false, field, message: `${from.name}’s issues can only move to a level of the new scale; “${move.to}” is not one.` };
    named.push({ from: from.id, to: to.id, fromName: from.name, toName: to.name });
  }
  const unmoved = removed.find((level) => !moves.some((move) => move.from === level.id));
  if (unmoved !== undefined) return { ok: false, field: 'mapping', message: `Choose the level ${unmoved.name}’s issues move to: the new scale has no ${unmoved.name}.` };
  return { ok: true, moves: named };
};

/** "Major → Sev2, Minor → Sev3". */
export const describeMoves = (moves: readonly NamedMove[]): string => moves.map((move) => `${move.fromName} → ${move.toName}`).join(', ');

/** How many issues carry each level id, over the app's records of a scope's issues. */
export const countLevelUsage = (reports: Iterable<Pick<StoredReport, 'severityHistory'>>): Record<string, LevelUsage> => {
  const usage = new Map<string, { issues: number; picked: number; decided: number }>();
  const entry = (id: string) => {
    let found = usage.get(id);
    if (found === undefined) usage.set(id, (found = { issues: 0, picked: 0, decided: 0 }));
    return found;
  };
  for (const report of reports) {
    for (const id of new Set(report.severityHistory.map((event) => event.level))) entry(id).issues += 1;
    const picked = reporterSeverityOf(report);
    if (picked !== undefined) entry(picked).picked += 1;
    const decided = decidedSeverityOf(report)?.level;
    if (decided !== undefined) entry(decided).decided += 1;
  }
  return Object.fromEntries(usage);
};

/** Whether the report names any level a move takes away. */
export const carriesMovedLevel = (report: Pick<StoredReport, 'severityHistory'>, moves: readonly LevelMove[]): boolean =>
  report.severityHistory.some((event) => moves.some((move) => move.from === event.level));

/** How many history entries a report keeps (the report schema's limit). */
const HISTORY_MAX = 50;

/**
 * The report on the new scale: every pick and decision naming a removed level now names the level it
 * moved to (keeping who and when, so the decision's own time and reason stand), the JQL copy follows,
 * and one entry says the scale changed, by whom, from what. `null` when the report names no removed
 * level (already moved: a retry changes nothing). A history already at its limit keeps its entries
 * and gets no new one.
 */
export const moveReport = (report: StoredReport, moves: readonly NamedMove[], meta: { readonly accountId: string; readonly now: string }): StoredReport | null => {
  if (!carriesMovedLevel(report, moves)) return null;
  const moveOf = (level: string | undefined) => moves.find((move) => move.from === level);
  const target = (level: string): string => moveOf(level)?.to ?? level;
  const current = decidedSeverityOf(report)?.level ?? reporterSeverityOf(report);
  const history: SeverityEvent[] = report.severityHistory.map((event) => (moveOf(event.level) === undefined ? event : { ...event, level: target(event.level) }));
  const shown = moveOf(current) ?? moves.find((move) => report.severityHistory.some((event) => event.level === move.from));
  if (shown !== undefined && history.length < HISTORY_MAX) {
    history.push({ kind: 'scale-change', level: shown.to, by: meta.accountId, at: meta.now, reason: `Severity scale changed: ${shown.fromName} → ${shown.toName}` });
  }
  const { reporterSeverity, decidedSeverity } = report.search;
  return {
    ...report,
    revision: report.revision + 1,
    updatedAt: meta.now,
    updatedBy: meta.accountId,
    severityHistory: history,
    search: {
      ...report.search,
      ...(reporterSeverity === undefined ? {} : { reporterSeverity: target(reporterSeverity) }),
      ...(decidedSeverity === undefined ? {} : { decidedSeverity: target(decidedSeverity) }),
    },
  };
};

/**
 * The applied policy state on the new scale: the same decision (same instant, due times, comment and
 * reminders), now under the level it moved to, so applying the policy again sees no new decision and
 * posts no second comment. `null` when its level did not move.
 */
export const moveAppliedState = (state: AppliedPolicyState, moves: readonly LevelMove[]): AppliedPolicyState | null => {
  const move = moves.find((candidate) => candidate.from === state.level);
  return move === undefined ? null : { ...state, level: move.to };
};

/**
 * Moves may only land where the issue's project now uses the new scale: a removed level is not on
 * the project's scale any more, and its target is. A project that has its own policy (or got one
 * while the change ran) is left alone.
 */
export const movesFitScale = (moves: readonly LevelMove[], scale: SeverityPolicy): readonly LevelMove[] =>
  moves.filter((move) => !scale.levels.some((level) => level.id === move.from) && scale.levels.some((level) => level.id === move.to));

/**
 * When the issue was decided to the top level, if it is there now: the decision that brought it
 * there (a repeated decision to the same level is no new one). Undefined when its current decision is
 * another level or none.
 */
export const decidedToTopAt = (report: Pick<StoredReport, 'severityHistory'>, topId: string): string | undefined => {
  const decisions = report.severityHistory.filter((event) => event.kind === 'decision');
  if (decisions.at(-1)?.level !== topId) return undefined;
  let first = decisions.length - 1;
  while (first > 0 && decisions[first - 1]?.level === topId) first -= 1;
  return decisions[first]?.at;
};

/** Monday 00:00 UTC of the week holding `now`. */
export const utcWeekStart = (now: Date): Date => {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * 86_400_000);
};
