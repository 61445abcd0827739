import { adfToHtml } from '../../src/contract/adf.js';
import type { Caller } from './jira.permissions.js';
import { canSeeIssue, securityLevelJson, securityLevelOf } from './jira.issue-security.js';
import type { JiraStore, StoredComment, StoredHistory, StoredIssue, StoredLink, StoredWorklog } from './jira.store.js';
import { formatDuration, formatJiraDateTime } from './jira.time.js';
import type { ScenarioProject, ScenarioSprint, AdfDoc } from '../scenarios/scenario.schema.js';

type Json = Record<string, unknown>;

const STATUS_CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;
export const STATUS_CATEGORY_LIST = Object.values(STATUS_CATEGORIES);

/** Jira's system fields the emulator serves, in `GET /field` order. */
export const SYSTEM_FIELDS: Array<{ id: string; name: string; type: string; items?: string; navigable?: boolean }> = [
  { id: 'summary', name: 'Summary', type: 'string' },
  { id: 'description', name: 'Description', type: 'string' },
  { id: 'issuetype', name: 'Issue Type', type: 'issuetype' },
  { id: 'project', name: 'Project', type: 'project' },
  { id: 'status', name: 'Status', type: 'status' },
  { id: 'priority', name: 'Priority', type: 'priority' },
  { id: 'resolution', name: 'Resolution', type: 'resolution' },
  { id: 'resolutiondate', name: 'Resolved', type: 'datetime' },
  { id: 'reporter', name: 'Reporter', type: 'user' },
  { id: 'assignee', name: 'Assignee', type: 'user' },
  { id: 'creator', name: 'Creator', type: 'user' },
  { id: 'created', name: 'Created', type: 'datetime' },
  { id: 'updated', name: 'Updated', type: 'datetime' },
  { id: 'labels', name: 'Labels', type: 'array', items: 'string' },
  { id: 'duedate', name: 'Due date', type: 'date' },
  { id: 'parent', name: 'Parent', type: 'issuelink' },
  { id: 'subtasks', name: 'Sub-tasks', type: 'array', items: 'issuelinks' },
  { id: 'issuelinks', name: 'Linked Issues', type: 'array', items: 'issuelinks' },
  { id: 'comment', name: 'Comment', type: 'comments-page' },
  { id: 'worklog', name: 'Log Work', type: 'array', items: 'worklog' },
  { id: 'timespent', name: 'Time Spent', type: 'number' },
  { id: 'security', name: 'Security Level', type: 'securitylevel' },
];

/** Builds Jira REST v3 JSON for the emulator's entities. */
export class IssueSerializer {
  readonly base: string;

  constructor(private readonly store: JiraStore) {
    this.base = store.scenario.site.baseUrl.replace(/\/$/, '');
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  user(accountId: string | null): Json | null {
    if (accountId === null) return null;
    const u = this.store.user(accountId);
    const site = this.store.scenario.site;
    const isApp = accountId === site.appAccountId;
    const avatar = (size: number) => `https://avatar-management.services.atlassian.com/default/${size}`;
    return {
      self: this.url(`/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`),
      accountId,
      accountType: isApp ? 'app' : 'atlassian',
      ...(u?.emailAddress !== undefined ? { emailAddress: u.emailAddress } : {}),
      avatarUrls: { '48x48': avatar(48), '24x24': avatar(24), '16x16': avatar(16), '32x32': avatar(32) },
      displayName: u?.displayName ?? (isApp ? site.appName : 'Former user'),
      active: u !== undefined || isApp,
      timeZone: u?.timeZone ?? 'UTC',
      locale: 'en_US',
    };
  }

  statusCategory(key: keyof typeof STATUS_CATEGORIES): Json {
    const c = STATUS_CATEGORIES[key];
    return { self: this.url(`/rest/api/3/statuscategory/${c.id}`), ...c };
  }

  status(id: string): Json {
    const s = this.store.status(id);
    return {
      self: this.url(`/rest/api/3/status/${id}`),
      description: s?.description ?? '',
      iconUrl: this.url('/images/icons/statuses/generic.png'),
      name: s?.name ?? id,
      id,
      statusCategory: this.statusCategory(s?.category ?? 'new'),
    };
  }

  issueType(id: string): Json {
    const t = this.store.issueType(id);
    return {
      self: this.url(`/rest/api/3/issuetype/${id}`),
      id,
      description: t?.description ?? '',
      iconUrl: this.url(`/rest/api/2/universal_avatar/view/type/issuetype/avatar/${id}?size=medium`),
      name: t?.name ?? id,
      subtask: t?.subtask ?? false,
      avatarId: Number(id),
      hierarchyLevel: t?.hierarchyLevel ?? 0,
    };
  }

  priority(id: string): Json {
    const p = this.store.priority(id);
    return {
      self: this.url(`/rest/api/3/priority/${id}`),
      iconUrl: this.url(`/images/icons/priorities/${(p?.name ?? 'medium').toLowerCase()}.svg`),
      name: p?.name ?? id,
      id,
      statusColor: p?.statusColor ?? '#999999',
      description: p?.description ?? '',
      isDefault: p?.isDefault ?? false,
    };
  }

  resolution(id: string | null): Json | null {
    if (id === null) return null;
    const r = this.store.resolution(id);
    return { self: this.url(`/rest/api/3/resolution/${id}`), id, description: r?.description ?? '', name: r?.name ?? id };
  }

  projectRef(p: ScenarioProject): Json {
    return {
      self: this.url(`/rest/api/3/project/${p.id}`),
      id: p.id,
      key: p.key,
      name: p.name,
      projectTypeKey: p.projectTypeKey,
      simplified: p.style === 'next-gen',
      avatarUrls: this.projectAvatars(p.id),
    };
  }

  projectAvatars(id: string): Record<string, string> {
    const a = (size: string) => this.url(`/rest/api/3/universal_avatar/view/type/project/avatar/${id}?size=${size}`);
    return { '48x48': a('large'), '24x24': a('small'), '16x16': a('xsmall'), '32x32': a('medium') };
  }

  project(p: ScenarioProject): Json {
    return {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...this.projectRef(p),
      description: '',
      lead: this.user(p.leadAccountId),
      components: [],
      issueTypes: p.issueTypeIds.map((id) => this.issueType(id)),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      style: p.style,
      isPrivate: false,
      properties: {},
    };
  }

  sprint(s: ScenarioSprint): Json {
    return {
      id: s.id,
      self: this.url(`/rest/agile/1.0/sprint/${s.id}`),
      state: s.state,
      name: s.name,
      ...(s.startDate !== undefined ? { startDate: formatIsoZ(s.startDate) } : {}),
      ...(s.endDate !== undefined ? { endDate: formatIsoZ(s.endDate) } : {}),
      ...(s.completeDate !== undefined ? { completeDate: formatIsoZ(s.completeDate) } : {}),
      ...(s.startDate !== undefined ? { createdDate: formatIsoZ(s.startDate) } : {}),
      originBoardId: s.boardId,
      goal: s.goal,
    };
  }

  /** Sprint custom-field value: Jira Cloud returns an array of sprint objects with boardId. */
  sprintFieldValue(issue: StoredIssue): Json[] | null {
    const sprints = issue.sprintIds.flatMap((id) => {
      const s = this.store.sprint(id);
      return s === undefined ? [] : [s];
    });
    if (sprints.length === 0) return null;
    return sprints.map((s) => {
      const { self: _self, originBoardId: _o, createdDate: _c, ...rest } = this.sprint(s);
      return { ...rest, boardId: s.boardId };
    });
  }

  comment(issue: StoredIssue, c: StoredComment): Json {
    return {
      self: this.url(`/rest/api/3/issue/${issue.id}/comment/${c.id}`),
      id: c.id,
      author: this.user(c.author),
      body: c.body,
      updateAuthor: this.user(c.updateAuthor),
      created: formatJiraDateTime(c.created),
      updated: formatJiraDateTime(c.updated),
      jsdPublic: true,
    };
  }

  worklog(issue: StoredIssue, w: StoredWorklog): Json {
    return {
      self: this.url(`/rest/api/3/issue/${issue.id}/worklog/${w.id}`),
      author: this.user(w.author),
      updateAuthor: this.user(w.updateAuthor),
      ...(w.comment !== undefined ? { comment: w.comment } : {}),
      created: formatJiraDateTime(w.created),
      updated: formatJiraDateTime(w.updated),
      started: formatJiraDateTime(w.started),
      timeSpent: formatDuration(w.timeSpentSeconds),
      timeSpentSeconds: w.timeSpentSeconds,
      id: w.id,
      issueId: issue.id,
    };
  }

  history(h: StoredHistory): Json {
    return {
      id: h.id,
      author: this.user(h.author),
      created: formatJiraDateTime(h.created),
      items: h.items.map((i) => ({ ...i })),
    };
  }

  linkType(id: string): Json {
    const t = this.store.linkType(id);
    return { id, name: t?.name ?? id, inward: t?.inward ?? '', outward: t?.outward ?? '', self: this.url(`/rest/api/3/issueLinkType/${id}`) };
  }

  /** A linked/parent issue as Jira embeds it: id, key, self and a few navigable fields. */
  issueStub(issue: StoredIssue): Json {
    return {
      id: issue.id,
      key: issue.key,
      self: this.url(`/rest/api/3/issue/${issue.id}`),
      fields: {
        summary: issue.summary,
        status: this.status(issue.statusId),
        priority: this.priority(issue.priorityId),
        issuetype: this.issueType(issue.issueTypeId),
      },
    };
  }

  /** `fields.issuelinks` entry, seen from `from`; links to issues the caller cannot browse are hidden, like Jira. */
  linkFrom(from: StoredIssue, link: StoredLink, caller: Caller): Json | undefined {
    const otherId = link.inwardIssueId === from.id ? link.outwardIssueId : link.inwardIssueId;
    const other = this.store.issues.get(otherId);
    if (other === undefined || !canSeeIssue(this.store, caller, other)) return undefined;
    const side = link.inwardIssueId === from.id ? 'outwardIssue' : 'inwardIssue';
    return { id: link.id, self: this.url(`/rest/api/3/issueLink/${link.id}`), type: this.linkType(link.typeId), [side]: this.issueStub(other) };
  }

  link(link: StoredLink): Json {
    const inward = this.store.issues.get(link.inwardIssueId);
    const outward = this.store.issues.get(link.outwardIssueId);
    return {
      id: link.id,
      self: this.url(`/rest/api/3/issueLink/${link.id}`),
      type: this.linkType(link.typeId),
      ...(inward !== undefined ? { inwardIssue: this.issueStub(inward) } : {}),
      ...(outward !== undefined ? { outwardIssue: this.issueStub(outward) } : {}),
    };
  }

  issueFields(issue: StoredIssue, caller: Caller): Json {
    const project = this.store.project(issue.projectKey);
    const parent = issue.parentKey === undefined ? undefined : this.store.issueByKey(issue.parentKey);
    const subtasks = [...this.store.issues.values()].filter((i) => i.parentKey === issue.key);
    const worklogs = [...issue.worklogs].sort((a, b) => a.started - b.started);
    const fields: Json = {
      summary: issue.summary,
      description: issue.description,
      issuetype: this.issueType(issue.issueTypeId),
      project: project === undefined ? null : this.projectRef(project),
      status: this.status(issue.statusId),
      priority: this.priority(issue.priorityId),
      resolution: this.resolution(issue.resolutionId),
      resolutiondate: issue.resolutiondate === null ? null : formatJiraDateTime(issue.resolutiondate),
      reporter: this.user(issue.reporter),
      assignee: this.user(issue.assignee),
      creator: this.user(issue.creator),
      created: formatJiraDateTime(issue.created),
      updated: formatJiraDateTime(issue.updated),
      labels: [...issue.labels],
      duedate: issue.duedate,
      ...(parent !== undefined ? { parent: this.issueStub(parent) } : {}),
      subtasks: subtasks.map((s) => this.issueStub(s)),
      issuelinks: this.store.linksOf(issue.id).flatMap((l) => this.linkFrom(issue, l, caller) ?? []),
      comment: {
        comments: issue.comments.map((c) => this.comment(issue, c)),
        self: this.url(`/rest/api/3/issue/${issue.id}/comment`),
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      },
      // Jira embeds at most 20 worklogs; clients must page /worklog for the rest.
      worklog: { startAt: 0, maxResults: 20, total: worklogs.length, worklogs: worklogs.slice(0, 20).map((w) => this.worklog(issue, w)) },
      timespent: worklogs.length === 0 ? null : worklogs.reduce((s, w) => s + w.timeSpentSeconds, 0),
      [this.store.scenario.site.sprintFieldId]: this.sprintFieldValue(issue),
    };
    // Jira serves `security` only for an issue under a level (whoever sees the issue is in the level).
    const level = securityLevelOf(this.store, issue);
    if (level !== undefined) fields['security'] = securityLevelJson(this.base, level);
    for (const f of this.store.scenario.fields) {
      if (f.id === this.store.scenario.site.sprintFieldId) continue;
      if (f.custom) fields[f.id] = issue.customFields[f.id] ?? null;
    }
    return fields;
  }

  /** Field names for `expand=names`. */
  fieldNames(): Record<string, string> {
    const names: Record<string, string> = {};
    for (const f of SYSTEM_FIELDS) names[f.id] = f.name;
    for (const f of this.store.scenario.fields) names[f.id] = f.name;
    return names;
  }
}

/** Scenario instants rendered the way Agile returns sprint dates (ISO with Z). */
function formatIsoZ(iso: string): string {
  return new Date(iso).toISOString();
}

/** `expand=renderedFields`: the description as HTML, through the ADF reader the app uses too. */
export function renderAdf(doc: AdfDoc | null): string | null {
  return doc === null ? null : adfToHtml(doc);
}
