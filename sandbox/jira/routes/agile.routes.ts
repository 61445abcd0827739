import { badRequest, issueNotFound, notFound } from '../jira.errors.js';
import { canBrowse } from '../jira.permissions.js';
import type { RouteContext, RouteDefinition } from '../jira.router.js';
import type { StoredIssue } from '../jira.store.js';
import type { ScenarioBoard } from '../../scenarios/scenario.schema.js';
import { intParam, issueJson, issueViewOptions, page, requireIssue } from './route.helpers.js';
import { runJql } from './search.routes.js';

type Json = Record<string, unknown>;

function requireBoard(ctx: RouteContext, raw: string | undefined): ScenarioBoard {
  const board = ctx.store.board(Number(raw));
  if (board === undefined || !canBrowse(ctx.store, ctx.caller, board.projectKey)) throw notFound(`The requested board cannot be viewed because it either does not exist or you do not have permission to view it.`);
  return board;
}

function boardJson(ctx: RouteContext, board: ScenarioBoard): Json {
  const s = ctx.services.serialize;
  const project = ctx.store.project(board.projectKey);
  return {
    id: board.id,
    self: s.url(`/rest/agile/1.0/board/${board.id}`),
    name: board.name,
    type: board.type,
    location: {
      projectId: Number(project?.id),
      displayName: `${project?.name ?? ''} (${board.projectKey})`,
      projectName: project?.name ?? '',
      projectKey: board.projectKey,
      projectTypeKey: project?.projectTypeKey ?? 'software',
      avatarURI: s.projectAvatars(project?.id ?? '0')['48x48'],
      name: `${project?.name ?? ''} (${board.projectKey})`,
    },
    isPrivate: false,
  };
}

/** @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-get */
function listBoards(ctx: RouteContext) {
  const projectRef = ctx.query.get('projectKeyOrId');
  const type = ctx.query.get('type');
  const name = ctx.query.get('name');
  const project = projectRef === null ? undefined : ctx.store.project(projectRef);
  const boards = ctx.store.scenario.boards.filter(
    (b) => canBrowse(ctx.store, ctx.caller, b.projectKey) && (projectRef === null || b.projectKey === project?.key) && (type === null || type.split(',').includes(b.type)) && (name === null || b.name.toLowerCase().includes(name.toLowerCase())),
  );
  const p = page(boards, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 50), 50));
  return { status: 200, body: { ...p, values: p.values.map((b) => boardJson(ctx, b)) }, objects: p.values.length };
}

function getBoard(ctx: RouteContext) {
  return { status: 200, body: boardJson(ctx, requireBoard(ctx, ctx.params['boardId'])), objects: 1 };
}

/** @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-configuration-get */
function boardConfiguration(ctx: RouteContext) {
  const board = requireBoard(ctx, ctx.params['boardId']);
  const s = ctx.services.serialize;
  const project = ctx.store.project(board.projectKey);
  const estimationField = board.estimationFieldId === undefined ? undefined : ctx.store.field(board.estimationFieldId);
  return {
    status: 200,
    body: {
      id: board.id,
      name: board.name,
      self: s.url(`/rest/agile/1.0/board/${board.id}/configuration`),
      type: board.type,
      location: { type: 'project', key: board.projectKey, id: project?.id, self: s.url(`/rest/api/3/project/${project?.id ?? ''}`), name: project?.name },
      filter: { id: String(10000 + board.id), self: s.url(`/rest/api/3/filter/${10000 + board.id}`) },
      subQuery: { query: 'resolution = EMPTY OR resolution changed after -2w' },
      columnConfig: {
        columns: board.columns.map((c) => ({ name: c.name, statuses: c.statusIds.map((id) => ({ id, self: s.url(`/rest/api/3/status/${id}`) })) })),
        constraintType: 'none',
      },
      ...(estimationField !== undefined ? { estimation: { type: 'field', field: { fieldId: estimationField.id, displayName: estimationField.name } } } : {}),
      ranking: { rankCustomFieldId: 10019 },
    },
    objects: 1,
  };
}

/** @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get */
function boardSprints(ctx: RouteContext) {
  const board = requireBoard(ctx, ctx.params['boardId']);
  if (board.type !== 'scrum') throw badRequest('The board does not support sprints');
  const states = ctx.query.get('state')?.split(',').map((s) => s.trim()) ?? ['future', 'active', 'closed'];
  const sprints = ctx.store.scenario.sprints.filter((s) => s.boardId === board.id && states.includes(s.state)).sort((a, b) => a.id - b.id);
  const p = page(sprints, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 50), 50));
  return {
    status: 200,
    body: { maxResults: p.maxResults, startAt: p.startAt, isLast: p.isLast, values: p.values.map((s) => ctx.services.serialize.sprint(s)) },
    objects: p.values.length,
  };
}

function requireSprint(ctx: RouteContext, raw: string | undefined) {
  const sprint = ctx.store.sprint(Number(raw));
  const board = sprint === undefined ? undefined : ctx.store.board(sprint.boardId);
  if (sprint === undefined || board === undefined || !canBrowse(ctx.store, ctx.caller, board.projectKey)) throw notFound(`Sprint with id ${String(raw)} does not exist or you do not have permission to see it.`);
  return sprint;
}

function getSprint(ctx: RouteContext) {
  return { status: 200, body: ctx.services.serialize.sprint(requireSprint(ctx, ctx.params['sprintId'])), objects: 1 };
}

/** Agile issues carry every navigable field plus `sprint`/`closedSprints` convenience fields. */
function agileIssueJson(ctx: RouteContext, issue: StoredIssue): Json {
  const base = issueJson(ctx, issue, issueViewOptions(ctx, true));
  const s = ctx.services.serialize;
  const sprints = issue.sprintIds.flatMap((id) => {
    const sp = ctx.store.sprint(id);
    return sp === undefined ? [] : [sp];
  });
  const fields = base['fields'] as Json;
  const open = sprints.find((sp) => sp.state !== 'closed');
  const selection = issueViewOptions(ctx, true).fields;
  const include = (k: string) => (selection.all || selection.include.has(k)) && !selection.exclude.has(k);
  if (include('sprint')) fields['sprint'] = open === undefined ? null : s.sprint(open);
  if (include('closedSprints')) fields['closedSprints'] = sprints.filter((sp) => sp.state === 'closed').map((sp) => s.sprint(sp));
  return base;
}

/** @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-issue-get */
function sprintIssues(ctx: RouteContext) {
  const sprint = requireSprint(ctx, ctx.params['sprintId']);
  if (ctx.params['boardId'] !== undefined && sprint.boardId !== Number(ctx.params['boardId'])) requireBoard(ctx, '-1');
  const jql = ctx.query.get('jql') ?? '';
  const issues = runJql(ctx, jql, false, (i) => i.sprintIds.includes(sprint.id));
  const p = page(issues, intParam(ctx, 'startAt', 0), Math.min(intParam(ctx, 'maxResults', 50), 100));
  return {
    status: 200,
    body: { expand: 'schema,names', startAt: p.startAt, maxResults: p.maxResults, total: p.total, issues: p.values.map((i) => agileIssueJson(ctx, i)) },
    objects: p.values.length,
  };
}

/** @see https://developer.atlassian.com/cloud/jira/software/rest/api-group-issue/#api-rest-agile-1-0-issue-issueidorkey-estimation-get */
function issueEstimation(ctx: RouteContext) {
  const issue = requireIssue(ctx, ctx.params['issueIdOrKey']);
  const boardId = ctx.query.get('boardId');
  if (boardId === null) throw badRequest('The boardId parameter is required.');
  const board = requireBoard(ctx, boardId);
  if (board.projectKey !== issue.projectKey) throw issueNotFound();
  const fieldId = board.estimationFieldId;
  if (fieldId === undefined) throw badRequest('The board does not have an estimation field configured.');
  const value = issue.customFields[fieldId];
  return { status: 200, body: { fieldId, ...(typeof value === 'number' ? { value } : {}) }, objects: 1 };
}

export const agileRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/rest/agile/1.0/board', cost: 'read', handler: listBoards },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}', cost: 'read', handler: getBoard },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/configuration', cost: 'read', handler: boardConfiguration },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/sprint', cost: 'read', handler: boardSprints },
  { method: 'GET', template: '/rest/agile/1.0/sprint/{sprintId}', cost: 'read', handler: getSprint },
  { method: 'GET', template: '/rest/agile/1.0/sprint/{sprintId}/issue', cost: 'read', handler: sprintIssues },
  { method: 'GET', template: '/rest/agile/1.0/board/{boardId}/sprint/{sprintId}/issue', cost: 'read', handler: sprintIssues },
  { method: 'GET', template: '/rest/agile/1.0/issue/{issueIdOrKey}/estimation', cost: 'read', handler: issueEstimation },
];
