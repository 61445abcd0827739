import type { Sandbox } from '../sandbox';
import { html, type SafeHtml } from './html';
import { layout, moduleFrame, type PageRequest } from './host-pages';

const isSiteAdmin = (sandbox: Sandbox, accountId: string): boolean => sandbox.scenario.users.some((user) => user.accountId === accountId && user.siteAdmin);

/** Jira shows admin pages to site admins, and a project's settings to that project's admins too. */
export const mayAdminister = (sandbox: Sandbox, accountId: string, projectKey: string | undefined): boolean => {
  const user = sandbox.scenario.users.find((candidate) => candidate.accountId === accountId);
  if (user === undefined) return false;
  if (user.siteAdmin) return true;
  return projectKey !== undefined && (user.projectPermissions[projectKey] ?? []).includes('administer');
};

const projectContext = (sandbox: Sandbox, projectKey: string): { id: string; key: string; type: string } | undefined => {
  const project = sandbox.scenario.projects.find((candidate) => candidate.key === projectKey);
  return project === undefined ? undefined : { id: project.id, key: project.key, type: project.projectTypeKey };
};

const notInstalled = (request: PageRequest, title: string, moduleType: string): string =>
  layout(
    request,
    title,
    html`<h1>${title}</h1><p class="muted">Firebreak has no <code>${moduleType}</code> module yet. This Jira place shows it once manifest.yml declares one.</p>`,
  );

const refused = (request: PageRequest, title: string, why: string): string => layout(request, title, html`<h1>${title}</h1><p role="alert" class="error">${why}</p>`);

/**
 * A dashboard with Firebreak's gadgets: added from a picker, shown in their edit view until
 * configured (Jira does the same), saved with `view.submit(config)`, and rendered in view mode with
 * `extension.gadgetConfiguration`.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-dashboard-gadget/
 */
export const renderDashboard = (request: PageRequest, editingId: string | undefined): string => {
  const { sandbox } = request;
  const gadgetModules = sandbox.manifest.modulesOfType('jira:dashboardGadget');
  if (gadgetModules.length === 0) return notInstalled(request, 'Dashboard', 'jira:dashboardGadget');
  const gadgets = sandbox.dashboardGadgets.map((gadget) => {
    const module = sandbox.manifest.module(gadget.moduleKey);
    const editing = gadget.configuration === null || gadget.id === editingId;
    const edit = module?.['edit'] as { resource?: string } | undefined;
    const extension = {
      type: 'jira:dashboardGadget',
      dashboard: { id: '1' },
      gadget: { id: gadget.id },
      gadgetConfiguration: gadget.configuration ?? {},
      localSuffix: gadget.id,
      ...(editing ? { entryPoint: 'edit' } : {}),
    };
    return html`<section class="gadget" data-gadget-id="${gadget.id}" aria-label="${module === undefined ? gadget.moduleKey : sandbox.manifest.titleOf(module)}">
      <header class="gadget-header"><h2>${module === undefined ? gadget.moduleKey : sandbox.manifest.titleOf(module)}</h2>
        ${editing ? '' : html`<a class="button" href="/jira/dashboards/1?edit=${gadget.id}">Edit gadget</a>`}
        <button type="button" data-remove-gadget="${gadget.id}">Remove gadget</button></header>
      ${moduleFrame(request, gadget.moduleKey, extension, editing ? edit?.resource : undefined)}
    </section>`;
  });
  return layout(
    request,
    'Dashboard',
    html`<h1>Team dashboard</h1>
    <form class="add-gadget" data-add-gadget><label for="gadget-module">Add a gadget</label>
      <select id="gadget-module" name="moduleKey">${gadgetModules.map((module) => html`<option value="${module.key}">${sandbox.manifest.titleOf(module)}</option>`)}</select>
      <button type="submit">Add gadget</button></form>
    ${gadgets.length === 0 ? html`<p class="muted">No gadgets yet. Add one above.</p>` : ''}
    <div class="gadgets">${gadgets}</div>`,
    { kind: 'dashboard' },
  );
};

/** Project page, project settings page and admin page modules, each in its Jira place. */
export const renderModulePage = (
  request: PageRequest,
  place: {
    readonly moduleType: string;
    readonly title: string;
    readonly projectKey?: string;
    readonly adminOnly?: boolean;
    /** For pages whose URL carries the app's own route (`view.createHistory()`): where it is rooted, and the route asked for. */
    readonly history?: { readonly base: string; readonly route: string };
  },
): string => {
  const { sandbox } = request;
  const modules = sandbox.manifest.modulesOfType(place.moduleType);
  if (modules.length === 0) return notInstalled(request, place.title, place.moduleType);
  const project = place.projectKey === undefined ? undefined : projectContext(sandbox, place.projectKey);
  if (place.projectKey !== undefined && project === undefined) return refused(request, place.title, `There is no project ${place.projectKey}.`);
  if (place.adminOnly === true && !mayAdminister(sandbox, request.accountId, place.projectKey)) {
    return refused(request, place.title, place.projectKey === undefined ? 'Only Jira admins can open this page.' : `Only admins of ${place.projectKey} can open its settings.`);
  }
  const frames: SafeHtml[] = modules.map(
    (module) =>
      html`<section class="app-page" aria-label="${sandbox.manifest.titleOf(module)}"><h2 class="panel-title">${sandbox.manifest.titleOf(module)}</h2>${moduleFrame(request, module.key, {
        type: place.moduleType,
        ...(project === undefined ? {} : { project }),
      })}</section>`,
  );
  return layout(
    request,
    place.title,
    html`<h1>${place.title}${project === undefined ? '' : ` · ${project.key}`}</h1>${frames}`,
    place.history === undefined ? {} : { history: { base: place.history.base } },
  );
};

/**
 * The workflow transition editor: an admin picks a transition, adds Firebreak's validator through its
 * `create` page, edits it through `edit`, and sees it summarised by `view`. Saving asks the config
 * frame for its configuration, as Jira does through `workflowRules.onConfigure`.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/workflowRules/
 */
export const renderWorkflowEditor = (request: PageRequest, query: URLSearchParams): string => {
  const { sandbox } = request;
  const title = 'Workflow editor';
  const validators = sandbox.manifest.modulesOfType('jira:workflowValidator');
  if (validators.length === 0) return notInstalled(request, title, 'jira:workflowValidator');
  if (!isSiteAdmin(sandbox, request.accountId)) return refused(request, title, 'Only Jira admins can edit workflows. Switch to the admin user.');
  const workflows = sandbox.scenario.workflows;
  const workflow = workflows.find((candidate) => candidate.key === query.get('workflow')) ?? workflows[0];
  if (workflow === undefined) return refused(request, title, 'This scenario has no workflows.');
  const statusName = (id: string): string => sandbox.scenario.statuses.find((status) => status.id === id)?.name ?? id;
  const selected = workflow.transitions.find((transition) => transition.id === query.get('transition'));
  const mode = query.get('mode');
  const ruleId = query.get('rule');

  const transitionRows = workflow.transitions.map((transition) => {
    const rules = sandbox.jira.listTransitionRules(workflow.key, transition.id);
    return html`<tr><td><a href="/jira/settings/workflows?workflow=${workflow.key}&transition=${transition.id}">${transition.name}</a></td>
      <td>${transition.from.length === 0 ? 'Any status' : transition.from.map(statusName).join(', ')} → ${statusName(transition.to)}</td>
      <td>${rules.length === 0 ? 'None' : `${rules.length} validator(s)`}</td></tr>`;
  });

  let detail: SafeHtml = html`<p class="muted">Pick a transition to see and add its rules.</p>`;
  if (selected !== undefined) {
    const rules = sandbox.jira.listTransitionRules(workflow.key, selected.id);
    const transitionContext = { id: selected.id, name: selected.name, from: selected.from, to: selected.to };
    const base = { type: 'jira:workflowValidator', isNewEditor: true, workflowId: workflow.key, transitionContext };
    const editorFor = (moduleKey: string, entryPoint: 'create' | 'edit', configuration: string | undefined, existingId?: string): SafeHtml => {
      const module = sandbox.manifest.module(moduleKey);
      const target = module?.[entryPoint] as { resource?: string } | undefined;
      return html`<div class="rule-editor" data-rule-editor data-workflow="${workflow.key}" data-transition="${selected.id}" data-validator="${moduleKey}" ${existingId === undefined ? '' : html`data-rule-id="${existingId}"`}>
        ${moduleFrame(request, moduleKey, { ...base, entryPoint, ...(configuration === undefined ? {} : { validatorConfig: configuration }), localSuffix: existingId ?? 'new' }, target?.resource)}
        <p class="error" role="alert" data-rule-error hidden></p>
        <div class="actions"><button type="button" data-save-rule>${entryPoint === 'create' ? 'Add' : 'Update'}</button>
        <a href="/jira/settings/workflows?workflow=${workflow.key}&transition=${selected.id}">Cancel</a></div></div>`;
    };
    const ruleRows = rules.map((rule) => {
      const module = sandbox.manifest.module(rule.key);
      const view = module?.['view'] as { resource?: string } | undefined;
      if (mode === 'edit' && ruleId === rule.id) return editorFor(rule.key, 'edit', rule.configuration, rule.id);
      return html`<li class="rule" data-rule-id="${rule.id}"><strong>${module === undefined ? rule.key : sandbox.manifest.titleOf(module)}</strong>
        ${module === undefined ? html`<span class="muted">(module not in manifest.yml)</span>` : moduleFrame(request, rule.key, { ...base, entryPoint: 'view', ...(rule.configuration === undefined ? {} : { validatorConfig: rule.configuration }), localSuffix: rule.id }, view?.resource)}
        <a href="/jira/settings/workflows?workflow=${workflow.key}&transition=${selected.id}&mode=edit&rule=${rule.id}">Edit rule</a>
        <button type="button" data-remove-rule="${rule.id}" data-workflow="${workflow.key}" data-transition="${selected.id}">Remove rule</button></li>`;
    });
    const adding = mode === 'create' ? validators.find((module) => module.key === query.get('validator')) : undefined;
    detail = html`<h2>Rules on “${selected.name}”</h2>
      <ul class="rules">${ruleRows.length === 0 ? html`<li class="muted">No validators on this transition.</li>` : ruleRows}</ul>
      ${
        adding === undefined
          ? html`<form method="get" action="/jira/settings/workflows" class="add-rule"><input type="hidden" name="workflow" value="${workflow.key}" /><input type="hidden" name="transition" value="${selected.id}" /><input type="hidden" name="mode" value="create" />
            <label for="validator">Add a validator</label><select id="validator" name="validator">${validators.map((module) => html`<option value="${module.key}">${sandbox.manifest.titleOf(module)}</option>`)}</select>
            <button type="submit">Add rule</button></form>`
          : editorFor(adding.key, 'create', undefined)
      }`;
  }

  return layout(
    request,
    title,
    html`<h1>${title}: ${workflow.name}</h1>
    <form method="get" action="/jira/settings/workflows" class="jql"><label for="workflow">Workflow</label>
      <select id="workflow" name="workflow">${workflows.map((candidate) => html`<option value="${candidate.key}" ${candidate.key === workflow.key ? html`selected` : ''}>${candidate.name}</option>`)}</select>
      <button type="submit">Open</button></form>
    <table class="grid" aria-label="Transitions"><thead><tr><th>Transition</th><th>From → to</th><th>Rules</th></tr></thead><tbody>${transitionRows}</tbody></table>
    ${detail}`,
    { kind: 'workflow-editor' },
  );
};
