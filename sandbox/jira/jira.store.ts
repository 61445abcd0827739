import { createHash } from 'node:crypto';
import type {
  AdfDoc,
  Scenario,
  ScenarioChangeItem,
  ScenarioTransition,
  ScenarioWorkflow,
} from '../scenarios/scenario.schema.js';
import { parseIsoMillis } from './jira.time.js';

export type ChangeItem = ScenarioChangeItem;
export interface StoredHistory { id: string; author: string; created: number; items: ChangeItem[] }
export interface StoredComment { id: string; issueId: string; author: string; updateAuthor: string; body: AdfDoc; created: number; updated: number }
export interface StoredWorklog {
  id: string; issueId: string; author: string; updateAuthor: string; started: number; timeSpentSeconds: number;
  comment: AdfDoc | undefined; created: number; updated: number;
}
export interface StoredRemoteLink { id: number; globalId: string | undefined; relationship: string | undefined; object: { url: string; title: string; summary?: string | undefined } }
/** One email queued by `POST issue/{key}/notify` (part: updates adds `htmlBody`, `sentAt`). */
export interface StoredNotification { issueKey: string; from: string; to: string[]; subject: string; textBody: string; htmlBody?: string; sentAt?: string }
export interface StoredLink { id: string; typeId: string; inwardIssueId: string; outwardIssueId: string }
export interface StoredIssue {
  id: string; key: string; projectKey: string; issueTypeId: string; summary: string; description: AdfDoc | null;
  statusId: string; priorityId: string; resolutionId: string | null; reporter: string; assignee: string | null; creator: string;
  created: number; updated: number; resolutiondate: number | null; labels: string[]; duedate: string | null; parentKey: string | undefined;
  sprintIds: number[]; customFields: Record<string, unknown>; properties: Map<string, unknown>;
  comments: StoredComment[]; worklogs: StoredWorklog[]; changelog: StoredHistory[]; remoteLinks: StoredRemoteLink[];
  /** The issue's own security level id (see jira.issue-security.ts for a sub-task's), null: none. */
  securityLevelId: string | null;
}

/**
 * The emulator's mutable state, seeded from a scenario. Reference data (users, statuses, …) is read
 * straight from the scenario; everything an API call may change lives here.
 */
export class JiraStore {
  readonly issues = new Map<string, StoredIssue>(); // by id
  private readonly keyIndex = new Map<string, string>(); // key → id
  readonly links = new Map<string, StoredLink>();
  readonly projectProperties = new Map<string, Map<string, unknown>>();
  readonly workflows = new Map<string, ScenarioWorkflow>();
  /** Emails Jira queued through `POST issue/{key}/notify`, oldest first (what the recipients would get). */
  readonly notifications: StoredNotification[] = [];
  // ── part: updates (issue 16) ──────────────────────────────────────────────────────────────
  /**
   * Who watches each issue (by issue id). An issue absent here has never been touched: its creator
   * watches it, as Jira's default "Watch your issues" preference (autowatch) adds them at creation.
   * @see https://support.atlassian.com/jira-software-cloud/docs/what-are-issue-watchers/
   */
  private readonly watcherLists = new Map<string, Set<string>>();
  /** The site's outgoing mail switch (Jira admin → System → Outgoing mail): off, notify answers 403. */
  outgoingEmail = true;

  watchersOf(issue: StoredIssue): Set<string> {
    let list = this.watcherLists.get(issue.id);
    if (list === undefined) {
      list = new Set(this.user(issue.creator) === undefined ? [] : [issue.creator]);
      this.watcherLists.set(issue.id, list);
    }
    return list;
  }
  // ── end part: updates ─────────────────────────────────────────────────────────────────────
  private counters = { issue: 0, comment: 0, worklog: 0, history: 0, link: 0, remoteLink: 0, rule: 0 };
  /** per-project next issue number */
  private readonly nextNumber = new Map<string, number>();

  constructor(readonly scenario: Scenario) {
    for (const w of scenario.workflows) this.workflows.set(w.key, structuredClone(w));
    for (const p of scenario.projects) this.projectProperties.set(p.key, new Map(Object.entries(structuredClone(p.properties))));
    for (const raw of scenario.issues) this.seedIssue(raw);
    for (const l of scenario.issueLinks) {
      const inward = this.issueByKey(l.inwardIssue);
      const outward = this.issueByKey(l.outwardIssue);
      if (inward !== undefined && outward !== undefined) {
        this.links.set(l.id, { id: l.id, typeId: l.typeId, inwardIssueId: inward.id, outwardIssueId: outward.id });
        this.bump('link', Number(l.id));
      }
    }
    for (const w of scenario.workflows) for (const t of w.transitions) for (const r of t.rules) this.bump('rule', Number(r.id.replace(/\D/g, '')));
  }

  private bump(counter: keyof JiraStore['counters'], value: number): void {
    if (Number.isFinite(value) && value > this.counters[counter]) this.counters[counter] = value;
  }

  nextId(counter: keyof JiraStore['counters'], floor: number): string {
    this.counters[counter] = Math.max(this.counters[counter] + 1, floor);
    return String(this.counters[counter]);
  }

  private seedIssue(raw: Scenario['issues'][number]): void {
    const projectKey = raw.key.slice(0, raw.key.lastIndexOf('-'));
    const issue: StoredIssue = {
      id: raw.id, key: raw.key, projectKey, issueTypeId: raw.issueTypeId, summary: raw.summary,
      description: structuredClone(raw.description), statusId: raw.statusId, priorityId: raw.priorityId,
      resolutionId: raw.resolutionId, reporter: raw.reporter, assignee: raw.assignee, creator: raw.creator ?? raw.reporter,
      created: parseIsoMillis(raw.created), updated: parseIsoMillis(raw.updated),
      resolutiondate: raw.resolutiondate === null ? null : parseIsoMillis(raw.resolutiondate),
      labels: [...raw.labels], duedate: raw.duedate, parentKey: raw.parentKey, sprintIds: [...raw.sprintIds],
      customFields: structuredClone(raw.customFields), properties: new Map(Object.entries(structuredClone(raw.properties))),
      comments: raw.comments.map((c) => ({
        id: c.id, issueId: raw.id, author: c.author, updateAuthor: c.author, body: structuredClone(c.body),
        created: parseIsoMillis(c.created), updated: parseIsoMillis(c.updated ?? c.created),
      })),
      worklogs: raw.worklogs.map((w) => ({
        id: w.id, issueId: raw.id, author: w.author, updateAuthor: w.author, started: parseIsoMillis(w.started),
        timeSpentSeconds: w.timeSpentSeconds, comment: structuredClone(w.comment),
        created: parseIsoMillis(w.created ?? w.started), updated: parseIsoMillis(w.created ?? w.started),
      })),
      changelog: raw.changelog.map((h) => ({ id: h.id, author: h.author, created: parseIsoMillis(h.created), items: structuredClone(h.items) })),
      remoteLinks: raw.remoteLinks.map((r) => ({ id: r.id, globalId: r.globalId, relationship: r.relationship, object: { ...r.object } })),
      securityLevelId: raw.securityLevelId,
    };
    this.addIssue(issue);
    this.bump('issue', Number(raw.id));
    for (const c of issue.comments) this.bump('comment', Number(c.id));
    for (const w of issue.worklogs) this.bump('worklog', Number(w.id));
    for (const h of issue.changelog) this.bump('history', Number(h.id));
    for (const r of issue.remoteLinks) this.bump('remoteLink', r.id);
  }

  addIssue(issue: StoredIssue): void {
    this.issues.set(issue.id, issue);
    this.keyIndex.set(issue.key, issue.id);
    const n = Number(issue.key.slice(issue.key.lastIndexOf('-') + 1));
    this.nextNumber.set(issue.projectKey, Math.max(this.nextNumber.get(issue.projectKey) ?? 1, n + 1));
  }

  /** A copy of every issue and link as they are now (reference data shared), for a lagging search index. */
  snapshot(): JiraStore {
    return Object.assign(Object.create(JiraStore.prototype) as JiraStore, this, {
      issues: structuredClone(this.issues),
      keyIndex: new Map(this.keyIndex),
      links: structuredClone(this.links),
    });
  }

  /** This snapshot with the given issues (by id) replaced by their state in `live`, or removed if gone there. */
  overlay(live: JiraStore, issueIds: ReadonlySet<string>): JiraStore {
    const issues = new Map(this.issues);
    const keyIndex = new Map(this.keyIndex);
    for (const id of issueIds) {
      const stale = issues.get(id);
      if (stale !== undefined) keyIndex.delete(stale.key);
      const current = live.issues.get(id);
      if (current === undefined) issues.delete(id);
      else {
        issues.set(id, current);
        keyIndex.set(current.key, id);
      }
    }
    return Object.assign(Object.create(JiraStore.prototype) as JiraStore, this, { issues, keyIndex });
  }

  /** Removes an issue and every link to it; its key is never handed out again (Jira does not reuse keys). */
  removeIssue(issue: StoredIssue): void {
    this.issues.delete(issue.id);
    this.keyIndex.delete(issue.key);
    for (const link of this.linksOf(issue.id)) this.links.delete(link.id);
  }

  allocateKey(projectKey: string): string {
    const n = this.nextNumber.get(projectKey) ?? 1;
    this.nextNumber.set(projectKey, n + 1);
    return `${projectKey}-${n}`;
  }

  issueByKey(key: string): StoredIssue | undefined {
    const id = this.keyIndex.get(key.toUpperCase());
    return id === undefined ? undefined : this.issues.get(id);
  }

  issueByIdOrKey(idOrKey: string): StoredIssue | undefined {
    return /^\d+$/.test(idOrKey) ? this.issues.get(idOrKey) : this.issueByKey(idOrKey);
  }

  /** Issues in a stable order (by id), like Jira's default search order without ORDER BY is not guaranteed; we pick created/id. */
  issueList(): StoredIssue[] {
    return [...this.issues.values()];
  }

  linksOf(issueId: string): StoredLink[] {
    return [...this.links.values()].filter((l) => l.inwardIssueId === issueId || l.outwardIssueId === issueId);
  }

  // --- reference data -------------------------------------------------------
  user(accountId: string) { return this.scenario.users.find((u) => u.accountId === accountId); }
  project(idOrKey: string) { return this.scenario.projects.find((p) => p.id === idOrKey || p.key === idOrKey.toUpperCase()); }
  status(id: string) { return this.scenario.statuses.find((s) => s.id === id); }
  issueType(id: string) { return this.scenario.issueTypes.find((t) => t.id === id); }
  priority(id: string) { return this.scenario.priorities.find((p) => p.id === id); }
  resolution(id: string) { return this.scenario.resolutions.find((r) => r.id === id); }
  linkType(id: string) { return this.scenario.linkTypes.find((l) => l.id === id); }
  sprint(id: number) { return this.scenario.sprints.find((s) => s.id === id); }
  board(id: number) { return this.scenario.boards.find((b) => b.id === id); }
  field(id: string) { return this.scenario.fields.find((f) => f.id === id); }
  /** The issue security scheme a project uses, if any. */
  securityScheme(projectKey: string) {
    const schemeId = this.project(projectKey)?.issueSecuritySchemeId;
    return schemeId === undefined ? undefined : this.scenario.issueSecuritySchemes.find((scheme) => scheme.id === schemeId);
  }

  workflowOf(issue: StoredIssue): ScenarioWorkflow {
    const project = this.project(issue.projectKey);
    const workflow = project === undefined ? undefined : this.workflows.get(project.workflowKey);
    if (workflow === undefined) throw new Error(`no workflow for ${issue.key}`);
    return workflow;
  }

  /**
   * The field ids on a project's create or edit screen for an issue type, or `undefined` when the
   * project models no screens (every field can be set).
   */
  screenFields(projectKey: string, issueTypeId: string, operation: 'create' | 'edit'): ReadonlySet<string> | undefined {
    const screens = this.project(projectKey)?.screens;
    if (screens === undefined) return undefined;
    const screen = screens.find((candidate) => candidate.issueTypeIds?.includes(issueTypeId) === true) ?? screens.find((candidate) => candidate.issueTypeIds === undefined);
    return new Set(screen?.[operation] ?? []);
  }

  availableTransitions(issue: StoredIssue): ScenarioTransition[] {
    return this.workflowOf(issue).transitions.filter((t) => t.from.length === 0 || t.from.includes(issue.statusId));
  }

  /** A stable hash of everything an API call can change. */
  fingerprint(): string {
    const issues = [...this.issues.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((i) => ({ ...i, properties: [...i.properties.entries()].sort(([a], [b]) => a.localeCompare(b)) }));
    const state = {
      issues,
      links: [...this.links.values()].sort((a, b) => Number(a.id) - Number(b.id)),
      projectProperties: [...this.projectProperties.entries()].map(([k, m]) => [k, [...m.entries()].sort(([a], [b]) => a.localeCompare(b))]),
      workflows: [...this.workflows.values()],
    };
    return createHash('sha256').update(stableStringify(state)).digest('hex');
  }
}

/** JSON with sorted object keys, so equal states hash equally whatever the insertion order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries);
    }
    return v;
  });
}
