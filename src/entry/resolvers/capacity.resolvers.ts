import { ok } from '../../contract/result';
import { listBoards } from '../../jira/agile';
import { computeCapacity, drillDown, listBoardSprints } from '../use-cases/capacity/capacity-view';
import { defineResolver } from './resolver-definition';

export const listCapacityBoards = defineResolver({
  key: 'capacity/listBoards',
  access: { kind: 'authenticated' },
  examplePayload: () => ({}),
  async handle(_payload, handler) {
    const boards = await listBoards(handler.jira.asUser);
    return ok({ boards: boards.map(({ id, name, projectKey, type }) => ({ id, name, projectKey, type })) });
  },
});

export const listCapacitySprints = defineResolver({
  key: 'capacity/listSprints',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ boardId: 1 }),
  async handle({ boardId }, handler) {
    const sprints = await listBoardSprints(handler, boardId);
    return ok({ sprints: sprints.map((sprint) => ({ id: sprint.id, name: sprint.name, state: sprint.state, startDate: sprint.startDate ?? null, endDate: sprint.endDate ?? null })) });
  },
});

export const computeCapacityResolver = defineResolver({
  key: 'capacity/compute',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ boardId: 1, sprint: 'active', measure: 'time', trendSprints: 6, planningSprints: 3, criteria: null }),
  async handle(configuration, handler) {
    return ok(await computeCapacity(configuration, handler));
  },
});

export const drillDownCapacity = defineResolver({
  key: 'capacity/drillDown',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ boardId: 1, sprintId: 1, measure: 'time', criteria: null }),
  async handle({ boardId, sprintId, measure, criteria }, handler) {
    return ok({ issues: await drillDown(handler, { boardId, sprintId, measure, criteria }) });
  },
});
