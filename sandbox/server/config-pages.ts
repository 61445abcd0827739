import type { ManifestModule } from '../forge/manifest';
import type { ScenarioProject } from '../scenarios/scenario.schema';
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

/** Which of Jira's two workflow editors the page plays; team-managed workflows only have the new one. */
type WorkflowEditorKind = 'new' | 'old';

/** The project a team-managed workflow belongs to (Jira scopes such a workflow to one project), if it is one. */
export const teamManagedProjectOf = (sandbox: Pick<Sandbox, 'scenario'>, workflowKey: string): ScenarioProject | undefined =>
  sandbox.scenario.projects.find((project) => project.workflowKey === workflowKey && project.style === 'next-gen');

/** Whether Jira offers a workflow rule module on this workflow: its `projectTypes` must include the workflow's kind of project. */
export const offersRule = (sandbox: Pick<Sandbox, 'manifest' | 'scenario'>, module: ManifestModule, workflowKey: string): boolean =>
  sandbox.manifest.projectTypesOf(module).includes(teamManagedProjectOf(sandbox, workflowKey) === undefined ? 'company-managed' : 'team-managed');

/**
 * The workflow transition editor, as either of Jira's editors. The new editor adds Firebreak's
 * validator through its `create` page, edits it through `edit` and shows it with `view`, each
 * opened with the context Forge documents for them (`validatorConfig` once saved, `isNewEditor`,
 * `workflowId`, `transitionContext`, and `scopedProjectId` for a team-managed project's workflow)
 * plus `entryPoint` (`create`, `edit`, `view`): the module reference does not list it for workflow
 * rules, but Atlassian's own workflow-rule samples branch on it, so Jira sends it. The app reads it
 * when present and falls back on `validatorConfig` when not (static/src/app/routes.tsx). Saving asks
 * the page for its configuration, as Jira does through `workflowRules.onConfigure`. The old editor
 * cannot open a function validator's pages: it adds the rule with no configuration and lists it by
 * name and description. A rule is offered only on workflows of the project types its module names.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
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
  const teamProject = teamManagedProjectOf(sandbox, workflow.key);
  const editor: WorkflowEditorKind = teamProject === undefined && query.get('editor') === 'old' ? 'old' : 'new';
  const here = (extra: Record<string, string> = {}): string => {
    const params = new URLSearchParams({ workflow: workflow.key, ...(editor === 'old' ? { editor } : {}), ...extra });
    return `/jira/settings/workflows?${params.toString()}`;
  };
  const statusName = (id: string): string => sandbox.scenario.statuses.find((status) => status.id === id)?.name ?? id;
  const selected = workflow.transitions.find((transition) => transition.id === query.get('transition'));
  const mode = query.get('mode');
  const ruleId = query.get('rule');
  const offered = validators.filter((module) => offersRule(sandbox, module, workflow.key));

  const transitionRows = workflow.transitions.map((transition) => {
    const rules = sandbox.jira.listTransitionRules(workflow.key, transition.id);
    return html`<tr><td><a href="${here({ transition: transition.id })}">${transition.name}</a></td>
      <td>${transition.from.length === 0 ? 'Any status' : transition.from.map(statusName).join(', ')} → ${statusName(transition.to)}</td>
      <td>${rules.length === 0 ? 'None' : `${rules.length} validator(s)`}</td></tr>`;
  });

  let detail: SafeHtml = html`<p class="muted">Pick a transition to see and add its rules.</p>`;
  if (selected !== undefined) {
    const rules = sandbox.jira.listTransitionRules(workflow.key, selected.id);
    const back = here({ transition: selected.id });
    const context = {
      type: 'jira:workflowValidator',
      isNewEditor: true,
      workflowId: workflow.key,
      transitionContext: { id: selected.id, name: selected.name, from: selected.from, to: selected.to },
      ...(teamProject === undefined ? {} : { scopedProjectId: teamProject.id }),
    };
    const page = (moduleKey: string, entryPoint: 'create' | 'edit' | 'view', configuration: string | undefined, localSuffix: string): SafeHtml => {
      const target = sandbox.manifest.module(moduleKey)?.[entryPoint] as { resource?: string } | undefined;
      return moduleFrame(request, moduleKey, { ...context, entryPoint, ...(configuration === undefined ? {} : { validatorConfig: configuration }), localSuffix }, target?.resource);
    };
    const editorFor = (moduleKey: string, entryPoint: 'create' | 'edit', configuration: string | undefined, existingId?: string): SafeHtml =>
      html`<div class="rule-editor" data-rule-editor data-workflow="${workflow.key}" data-transition="${selected.id}" data-validator="${moduleKey}" ${existingId === undefined ? '' : html`data-rule-id="${existingId}"`}>
        ${page(moduleKey, entryPoint, configuration, existingId ?? 'new')}
        <p class="error" role="alert" data-rule-error hidden></p>
        <div class="actions"><button type="button" data-save-rule>${entryPoint === 'create' ? 'Add' : 'Update'}</button>
        <a href="${back}">Cancel</a></div></div>`;
    const ruleRows = rules.map((rule) => {
      const module = sandbox.manifest.module(rule.key);
      if (editor === 'new' && mode === 'edit' && ruleId === rule.id) return editorFor(rule.key, 'edit', rule.configuration, rule.id);
      const name = module === undefined ? rule.key : sandbox.manifest.titleOf(module);
      const shown =
        module === undefined
          ? html`<span class="muted">(module not in manifest.yml)</span>`
          : editor === 'old'
            ? html`<p class="muted">${typeof module['description'] === 'string' ? module['description'] : ''}</p>`
            : page(rule.key, 'view', rule.configuration, rule.id);
      return html`<li class="rule" data-rule-id="${rule.id}"><strong>${name}</strong>
        ${shown}
        ${editor === 'new' ? html`<a href="${here({ transition: selected.id, mode: 'edit', rule: rule.id })}">Edit rule</a>` : ''}
        <button type="button" data-remove-rule="${rule.id}" data-workflow="${workflow.key}" data-transition="${selected.id}">Remove rule</button></li>`;
    });
    const adding = editor === 'new' && mode === 'create' ? offered.find((module) => module.key === query.get('validator')) : undefined;
    const picker = html`<label for="validator">Add a validator</label><select id="validator" name="validator">${offered.map((module) => html`<option value="${module.key}">${sandbox.manifest.titleOf(module)}</option>`)}</select>`;
    const addRule =
      offered.length === 0
        ? html`<p class="muted">No app offers a validator for ${teamProject === undefined ? 'company-managed' : 'team-managed'} projects (manifest.yml <code>projectTypes</code>).</p>`
        : editor === 'old'
          ? html`<form class="add-rule" data-add-bare-rule data-workflow="${workflow.key}" data-transition="${selected.id}">${picker}
            <button type="submit">Add rule</button>
            <p class="muted">The old workflow editor cannot open an app’s settings pages: the rule is added without settings.</p>
            <p class="error" role="alert" data-rule-error hidden></p></form>`
          : adding === undefined
            ? html`<form method="get" action="/jira/settings/workflows" class="add-rule"><input type="hidden" name="workflow" value="${workflow.key}" /><input type="hidden" name="transition" value="${selected.id}" /><input type="hidden" name="mode" value="create" />
            ${picker}<button type="submit">Add rule</button></form>`
            : editorFor(adding.key, 'create', undefined);
    detail = html`<h2>Rules on “${selected.name}”</h2>
      <ul class="rules">${ruleRows.length === 0 ? html`<li class="muted">No validators on this transition.</li>` : ruleRows}</ul>
      ${addRule}`;
  }

  const editorSwitch =
    teamProject === undefined
      ? html`<p class="editor-switch" data-workflow-editor="${editor}">${editor === 'new' ? 'New workflow editor.' : 'Old workflow editor.'}
        <a href="${editor === 'new' ? `/jira/settings/workflows?${new URLSearchParams({ workflow: workflow.key, editor: 'old', ...(selected === undefined ? {} : { transition: selected.id }) }).toString()}` : `/jira/settings/workflows?${new URLSearchParams({ workflow: workflow.key, ...(selected === undefined ? {} : { transition: selected.id }) }).toString()}`}">${editor === 'new' ? 'Switch to the old editor' : 'Switch to the new editor'}</a></p>`
      : html`<p class="editor-switch" data-workflow-editor="new">Team-managed project ${teamProject.key}: Jira edits its workflow in the new workflow editor only.</p>`;

  return layout(
    request,
    title,
    html`<h1>${title}: ${workflow.name}</h1>
    <form method="get" action="/jira/settings/workflows" class="jql"><label for="workflow">Workflow</label>
      <select id="workflow" name="workflow">${workflows.map((candidate) => html`<option value="${candidate.key}" ${candidate.key === workflow.key ? html`selected` : ''}>${candidate.name}</option>`)}</select>
      <button type="submit">Open</button></form>
    ${editorSwitch}
    <table class="grid" aria-label="Transitions"><thead><tr><th>Transition</th><th>From → to</th><th>Rules</th></tr></thead><tbody>${transitionRows}</tbody></table>
    ${detail}`,
    { kind: 'workflow-editor' },
  );
};
