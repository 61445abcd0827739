import type { Caller } from '../jira';
import type { Sandbox } from '../sandbox';
import { SANDBOX_CLOUD_ID } from '../sandbox';
import { adfToText } from '../../src/contract/adf';
import { html, SafeHtml } from './html';

/** Where each Forge module type appears in Jira, and the sandbox page that plays that place. */
export const HOST_PLACES = [
  { path: '/', label: 'Home', moduleTypes: [] },
  { path: '/issues', label: 'Issues', moduleTypes: [] },
  { path: '/create', label: 'Create issue', moduleTypes: [] },
  { path: '/jira/dashboards/1', label: 'Dashboard', moduleTypes: ['jira:dashboardGadget'] },
  { path: '/jira/projects/SHOP/apps', label: 'Project page', moduleTypes: ['jira:projectPage'] },
  { path: '/jira/projects/SHOP/settings/apps', label: 'Project settings', moduleTypes: ['jira:projectSettingsPage'] },
  { path: '/jira/settings/apps', label: 'Jira admin: apps', moduleTypes: ['jira:adminPage'] },
  { path: '/jira/settings/workflows', label: 'Workflow editor', moduleTypes: ['jira:workflowValidator'] },
  // Part: updates (issue 16): the site's sent mail, a sandbox-only page (Jira has no such place).
  { path: '/outbox', label: 'Outbox', moduleTypes: [] },
] as const;

export interface PageRequest {
  readonly sandbox: Sandbox;
  readonly accountId: string;
  readonly colorMode: 'light' | 'dark';
}

interface JiraAnswer {
  readonly status: number;
  readonly body: unknown;
}

export const jiraAs = async (request: PageRequest, method: string, path: string, body?: unknown): Promise<JiraAnswer> => {
  const caller: Caller = { kind: 'user', accountId: request.accountId };
  const answer = await request.sandbox.jira.handle(caller, { method, path, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: answer.status, body: answer.body === '' ? undefined : (JSON.parse(answer.body) as unknown) };
};

/** Jira's "25 Aug 2026, 10:18" style, in UTC like the scenario clock. */
const formatJiraDate = (iso: string | undefined): string => {
  if (iso === undefined) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
};

export const layout = (request: PageRequest, title: string, content: SafeHtml, pageData: Record<string, unknown> = {}): string => {
  const users = request.sandbox.scenario.users;
  const data = JSON.stringify({ accountId: request.accountId, cloudId: SANDBOX_CLOUD_ID, ...pageData }).replaceAll('<', '\\u003c');
  return `<!doctype html>${html`<html lang="en" data-color-mode="${request.colorMode}" data-theme="dark:dark light:light spacing:spacing typography:typography">
<head>
  <meta charset="utf-8" />
  <title>${title} · Firebreak sandbox</title>
  <link rel="stylesheet" href="/__sandbox/tokens/atlassian-light.css" />
  <link rel="stylesheet" href="/__sandbox/tokens/atlassian-dark.css" />
  <link rel="stylesheet" href="/__sandbox/host.css" />
  <script type="application/json" id="host-page-data">${new SafeHtml(data)}</script>
</head>
<body>
  <header class="top-nav">
    <a class="brand" href="/">Jira <span>· Firebreak sandbox</span></a>
    <nav aria-label="Jira places">${HOST_PLACES.map((place) => html`<a href="${place.path}">${place.label}</a>`)}</nav>
    <label class="user-switch">Acting as
      <select id="user-switcher" aria-label="Acting as">${users.map(
        (user) => html`<option value="${user.accountId}" ${user.accountId === request.accountId ? html`selected` : ''}>${user.displayName}${user.role === undefined ? '' : ` · ${user.role}`}</option>`,
      )}</select>
    </label>
    <button id="theme-toggle" type="button">Toggle dark mode</button>
  </header>
  <main>${content}</main>
  <div id="flags" class="flags" aria-live="polite"></div>
  <script src="/__sandbox/host.js"></script>
</body>
</html>`.value}`;
};

/** An iframe for one Forge UI module, served from the real static build with the sandbox bridge. */
export const moduleFrame = (request: PageRequest, moduleKey: string, extension: Record<string, unknown>, resourceKey?: string): SafeHtml => {
  const module = request.sandbox.manifest.module(moduleKey);
  const resource = resourceKey ?? (typeof module?.['resource'] === 'string' ? module['resource'] : 'main');
  return html`<iframe class="forge-frame" title="${module === undefined ? moduleKey : request.sandbox.manifest.titleOf(module)}" data-module-key="${moduleKey}"
    data-local-id="${moduleKey}-${typeof extension['localSuffix'] === 'string' ? extension['localSuffix'] : '1'}" data-extension="${JSON.stringify(extension)}"
    src="/forge/resources/${resource}/index.html"></iframe>`;
};

export const renderHome = (request: PageRequest): string => {
  const { scenario, manifest } = request.sandbox;
  const installed = manifest.modules();
  return layout(
    request,
    'Home',
    html`<h1>${scenario.site.title}</h1>
    <p class="lead">A local Jira Cloud site with Firebreak installed (scenario <code>${scenario.name}</code>). Pick a user above to act as them.</p>
    <h2>Projects</h2>
    <ul class="cards">${scenario.projects.map(
      (project) => html`<li><a href="/issues?jql=${encodeURIComponent(`project = ${project.key} ORDER BY created DESC`)}">${project.name} (${project.key})</a></li>`,
    )}</ul>
    <h2>Firebreak modules installed</h2>
    <table class="grid"><thead><tr><th>Module</th><th>Type</th><th>Where to see it</th></tr></thead><tbody>
    ${installed.map((module) => {
      const place = HOST_PLACES.find((candidate) => (candidate.moduleTypes as readonly string[]).includes(module.type));
      const where = module.type === 'jira:issuePanel' ? html`Open any issue, e.g. <a href="/browse/SHOP-1">SHOP-1</a>` : place ? html`<a href="${place.path}">${place.label}</a>` : html`runs in the background`;
      return html`<tr><td>${manifest.titleOf(module)}</td><td><code>${module.type}</code></td><td>${where}</td></tr>`;
    })}
    </tbody></table>`,
  );
};

export const renderIssueSearch = async (request: PageRequest, jql: string): Promise<string> => {
  const answer = await jiraAs(request, 'POST', '/rest/api/3/search/jql', {
    jql,
    fields: ['summary', 'status', 'issuetype', 'priority', 'assignee'],
    maxResults: 100,
  });
  const body = answer.body as { issues?: Array<{ key: string; fields: Record<string, { name?: string; displayName?: string } | string | null> }>; errorMessages?: string[] };
  const rows = (body.issues ?? []).map((issue) => {
    const field = (name: string): string => {
      const value = issue.fields[name];
      return typeof value === 'string' ? value : (value?.name ?? value?.displayName ?? '');
    };
    return html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${field('issuetype')}</td><td>${field('summary')}</td><td>${field('status')}</td><td>${field('priority')}</td><td>${field('assignee') || 'Unassigned'}</td></tr>`;
  });
  return layout(
    request,
    'Issues',
    html`<h1>Search issues</h1>
    <form method="get" action="/issues" class="jql"><label for="jql">JQL</label><input id="jql" name="jql" value="${jql}" size="80" /><button type="submit">Search</button></form>
    ${answer.status === 200 ? html`<p class="muted">${rows.length} issue(s) you can see${rows.length === 100 ? ' (first 100)' : ''}.</p>` : html`<p role="alert" class="error">${(body.errorMessages ?? []).join(' ') || `Search failed (HTTP ${answer.status}).`}</p>`}
    <table class="grid" aria-label="Search results"><thead><tr><th>Key</th><th>Type</th><th>Summary</th><th>Status</th><th>Priority</th><th>Assignee</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
};

interface IssueBody {
  id: string;
  key: string;
  fields: {
    summary?: string;
    description?: unknown;
    status?: { id: string; name: string; statusCategory?: { key?: string } };
    issuetype?: { name: string };
    priority?: { name: string };
    assignee?: { displayName: string } | null;
    reporter?: { displayName: string } | null;
    labels?: string[];
    duedate?: string | null;
    project?: { id: string; key: string; name: string };
    created?: string;
    updated?: string;
    comment?: { comments: Array<{ id: string; author?: { displayName: string }; created: string; body: unknown }> };
  };
}

export const renderIssueView = async (request: PageRequest, issueKey: string): Promise<{ status: number; page: string }> => {
  const answer = await jiraAs(request, 'GET', `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=*all`);
  if (answer.status !== 200) {
    return {
      status: answer.status,
      page: layout(
        request,
        issueKey,
        html`<h1>${issueKey}</h1><p role="alert" class="error">You can't view this issue. It may have been deleted, or you don't have permission to see it.</p>`,
      ),
    };
  }
  const issue = answer.body as IssueBody;
  const transitions = ((await jiraAs(request, 'GET', `/rest/api/3/issue/${encodeURIComponent(issueKey)}/transitions`)).body ?? { transitions: [] }) as {
    transitions?: Array<{ id: string; name: string; to?: { name: string } }>;
  };
  const fields = issue.fields;
  const project = fields.project ?? { id: '', key: issueKey.split('-')[0] ?? '', name: '' };
  const panels = request.sandbox.manifest.modulesOfType('jira:issuePanel');
  const extension = { issue: { id: issue.id, key: issue.key, type: fields.issuetype?.name, typeId: '' }, project: { id: project.id, key: project.key, type: 'software' }, isNewToIssue: false };
  const comments = fields.comment?.comments ?? [];
  const content = html`<div class="issue-view">
    <div class="issue-main">
      <p class="breadcrumbs"><a href="/issues?jql=${encodeURIComponent(`project = ${project.key}`)}">${project.name || project.key}</a> / <span>${issue.key}</span></p>
      <h1 data-testid="issue-summary">${fields.summary ?? ''}</h1>
      <section class="description"><h2>Description</h2><div class="adf">${adfToText(fields.description) || 'No description.'}</div></section>
      ${panels.map(
        (panel) => html`<section class="app-panel" aria-label="${request.sandbox.manifest.titleOf(panel)}"><h2 class="panel-title">${request.sandbox.manifest.titleOf(panel)}</h2>${moduleFrame(request, panel.key, extension)}</section>`,
      )}
      <section class="comments"><h2>Comments</h2>
      ${comments.length === 0 ? html`<p class="muted">No comments yet.</p>` : ''}
      <ol class="comment-list">${comments.map((comment) => html`<li><strong>${comment.author?.displayName ?? 'Someone'}</strong> <time datetime="${comment.created}">${formatJiraDate(comment.created)}</time><div class="adf">${adfToText(comment.body)}</div></li>`)}</ol></section>
    </div>
    <aside class="issue-side">
      <div class="status-row"><span class="lozenge" data-testid="issue-status">${fields.status?.name ?? ''}</span></div>
      <div class="transitions" role="group" aria-label="Transitions">${(transitions.transitions ?? []).map((transition) => html`<button type="button" data-transition-id="${transition.id}">${transition.name}</button>`)}</div>
      <p id="transition-error" role="alert" class="error" hidden></p>
      <dl class="details">
        <dt>Type</dt><dd>${fields.issuetype?.name ?? ''}</dd>
        <dt>Priority</dt><dd data-testid="issue-priority">${fields.priority?.name ?? 'None'}</dd>
        <dt>Assignee</dt><dd data-testid="issue-assignee">${fields.assignee?.displayName ?? 'Unassigned'}</dd>
        <dt>Reporter</dt><dd>${fields.reporter?.displayName ?? ''}</dd>
        <dt>Labels</dt><dd data-testid="issue-labels">${(fields.labels ?? []).join(', ') || 'None'}</dd>
        <dt>Due date</dt><dd data-testid="issue-due-date">${fields.duedate ?? 'None'}</dd>
        <dt>Created</dt><dd>${formatJiraDate(fields.created)}</dd>
        <dt>Updated</dt><dd>${formatJiraDate(fields.updated)}</dd>
      </dl>
    </aside>
  </div>`;
  return { status: 200, page: layout(request, `${issue.key} ${fields.summary ?? ''}`, content, { issueKey: issue.key }) };
};


/** Jira's Create dialog, as a page: files an issue as the signed-in user through the REST API. */
export const renderCreateIssue = (request: PageRequest): string => {
  const { scenario } = request.sandbox;
  const user = scenario.users.find((candidate) => candidate.accountId === request.accountId);
  const projects = scenario.projects.filter((project) => user?.siteAdmin === true || (user?.projectPermissions[project.key] ?? []).includes('browse'));
  const types = scenario.issueTypes.filter((type) => !type.subtask);
  return layout(
    request,
    'Create issue',
    html`<h1>Create issue</h1>
    <form id="create-issue" class="create-form">
      <label for="create-project">Project</label>
      <select id="create-project" name="project">${projects.map((project) => html`<option value="${project.key}">${project.name} (${project.key})</option>`)}</select>
      <label for="create-type">Issue type</label>
      <select id="create-type" name="type">${types.map((type) => html`<option value="${type.name}" ${type.name === 'Bug' ? html`selected` : ''}>${type.name}</option>`)}</select>
      <label for="create-summary">Summary</label>
      <input id="create-summary" name="summary" required maxlength="255" />
      <label for="create-description">Description</label>
      <textarea id="create-description" name="description" rows="4"></textarea>
      <p id="create-error" class="error" role="alert" hidden></p>
      <button type="submit">Create</button>
    </form>`,
  );
};

// ── part: updates (issue 16) ─────────────────────────────────────────────────────────────────────

/**
 * The sandbox's outbox: every email Jira queued through `POST issue/{key}/notify`, newest first,
 * with who sent it, who it reached (people who could not see the issue are already left out) and
 * what it said. A real site shows none of this; it stands in for the recipients' inboxes.
 */
export const renderOutbox = (request: PageRequest, mails: ReadonlyArray<{ issueKey: string; fromName: string; toNames: readonly string[]; subject: string; textBody: string; sentAt?: string | undefined }>): string =>
  layout(
    request,
    'Outbox',
    html`<h1>Outbox</h1>
    <p class="lead">Emails Jira queued for the app's notifications, newest first (sandbox only: on a real site they go to people's inboxes).</p>
    ${mails.length === 0 ? html`<p class="muted">No email sent yet.</p>` : ''}
    <ol class="outbox" aria-label="Sent emails">${mails.map(
      (mail) => html`<li class="outbox-mail"><h2>${mail.subject}</h2>
      <p class="muted">${formatJiraDate(mail.sentAt)} · <a href="/browse/${mail.issueKey}">${mail.issueKey}</a> · from ${mail.fromName} · to ${mail.toNames.length === 0 ? 'nobody (no recipient could see the issue)' : mail.toNames.join(', ')}</p>
      <pre class="outbox-body">${mail.textBody}</pre></li>`,
    )}</ol>`,
  );
