/**
 * Facts both issue panels read off a `ReportView`: the severity picks, the open send-back, the
 * readiness items by owner, and who did what. Pure, so the panels agree and the rules are tested.
 */
import type { ReportView, SendBack, SeverityEvent } from '@contract/report.contract';

import { severityName } from '@contract/severity-names';

type Report = NonNullable<ReportView['report']>;
type ScaleLevel = ReportView['scale'][number];
export type ReadinessItem = ReportView['readiness']['items'][number];

const lastOf = <T>(list: readonly T[], test: (item: T) => boolean): T | undefined => {
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const item = list[index];
    if (item !== undefined && test(item)) return item;
  }
  return undefined;
};

export const reporterPickOf = (report: Report | null): SeverityEvent | undefined =>
  report === null ? undefined : lastOf(report.severityHistory, (event) => event.kind === 'reporter-pick');

export const decisionOf = (report: Report | null): SeverityEvent | undefined =>
  report === null ? undefined : lastOf(report.severityHistory, (event) => event.kind === 'decision');

/**
 * A level's name in the scale in force; a level the scale no longer has by the name recorded with
 * the pick or decision (`recordedName`), and said to be out of the scale: never the bare id.
 */
export const levelName = (scale: readonly ScaleLevel[], id: string | undefined, recordedName?: string): string | undefined =>
  id === undefined ? undefined : severityName(scale, id, recordedName);

/** How a pick or decision reads: see `levelName`. */
export const eventLevelName = (scale: readonly ScaleLevel[], event: SeverityEvent | undefined): string | undefined => levelName(scale, event?.level, event?.levelName);

/** The name a history entry recorded, when the scale has renamed its level since ("called “Critical” then"). */
export const formerLevelName = (scale: readonly ScaleLevel[], event: SeverityEvent): string | undefined => {
  const current = scale.find((level) => level.id === event.level)?.name;
  return current !== undefined && event.levelName !== undefined && event.levelName !== current ? event.levelName : undefined;
};

export interface SeveritySummary {
  readonly reporter: string | undefined;
  readonly decided: string | undefined;
  /** The decision differs from the reporter's pick: the gap a triager had to explain. */
  readonly differs: boolean;
  readonly reason: string | undefined;
}

export function summarizeSeverity(view: Pick<ReportView, 'report' | 'scale'>): SeveritySummary {
  const pick = reporterPickOf(view.report);
  const decision = decisionOf(view.report);
  return {
    reporter: eventLevelName(view.scale, pick),
    decided: eventLevelName(view.scale, decision),
    differs: pick !== undefined && decision !== undefined && pick.level !== decision.level,
    reason: decision?.reason ?? undefined,
  };
}

/** The send-back still waiting for the reporter: the last one, while it has not returned. */
export const openSendBackOf = (report: Report | null): SendBack | undefined => {
  const last = report?.sendBacks.at(-1);
  return last !== undefined && last.returnedAt === undefined ? last : undefined;
};

type NamingView = Pick<ReportView, 'issue' | 'names'>;

/**
 * The display name the view carries for an account: the reporter's or the assignee's, else the one
 * the backend looked up for the report's other people. `undefined` when Jira gave none (an unknown
 * account, a lookup that failed).
 */
export function nameOf(accountId: string, view: NamingView): string | undefined {
  const known = [view.issue.reporter, view.issue.assignee].find((person) => person?.accountId === accountId);
  return known?.displayName ?? (Object.hasOwn(view.names, accountId) ? view.names[accountId] : undefined);
}

/**
 * A person as the panel can name them: the viewer is "You", anyone else goes by their Jira display
 * name. Someone Jira would not name is shown by account id, which an admin can look up.
 */
export function describePerson(accountId: string, view: NamingView & Pick<ReportView, 'viewer'>): string {
  if (accountId === view.viewer.accountId) return 'You';
  return nameOf(accountId, view) ?? accountId;
}

export interface ReadinessGroups {
  readonly reporter: readonly ReadinessItem[];
  readonly triager: readonly ReadinessItem[];
  readonly missing: number;
}

export function groupReadiness(items: readonly ReadinessItem[]): ReadinessGroups {
  return {
    reporter: items.filter((item) => item.owner === 'reporter'),
    triager: items.filter((item) => item.owner === 'triager'),
    missing: items.filter((item) => !item.met).length,
  };
}

export const reporterMissingOf = (view: Pick<ReportView, 'readiness'>): readonly ReadinessItem[] =>
  view.readiness.items.filter((item) => item.owner === 'reporter' && !item.met);

/** Send back only what the reporter can fix, once, and only when the person triages here. */
export const canSendBack = (view: Pick<ReportView, 'canEdit' | 'readiness' | 'report' | 'viewer'>): boolean =>
  view.canEdit && view.viewer.isTriager && !view.readiness.ready && reporterMissingOf(view).length > 0 && openSendBackOf(view.report) === undefined;

/**
 * Who may change the reporter's severity pick (the resolver enforces the same): the reporter, or a
 * triager for them, which the history records. `note` says so to everyone else, and to a triager.
 */
export function severityPickRule(view: NamingView & Pick<ReportView, 'viewer' | 'issue'>): { readonly canPick: boolean; readonly note: string | null } {
  if (view.viewer.isReporter) return { canPick: true, note: null };
  const reporter = view.issue.reporter?.displayName ?? null;
  if (view.viewer.isTriager) {
    return { canPick: true, note: reporter === null ? null : `You pick for ${reporter}: the severity history records it as your pick on their behalf.` };
  }
  return { canPick: false, note: `Only ${reporter ?? 'the reporter'}, who reported this issue, or a triager picks this severity.` };
}

/** Manual checklist items appear among the readiness items as `manual:<id>`. */
export const manualItemIdOf = (item: ReadinessItem): string | undefined => (item.id.startsWith('manual:') ? item.id.slice('manual:'.length) : undefined);
