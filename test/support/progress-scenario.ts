import type { ScenarioInput } from '../../sandbox/jira';
import { handComputedScenario, HOUR } from './capacity-scenario';

const DEVON = 'acc-devon-oncall';

/**
 * The hand-computed board (sprint 1 closed, sprint 2 active) with two earlier closed sprints, each
 * holding a story with an hour logged: three settled sprints for the background job to read, one
 * slice each, so its progress can be seen to move (part "progress", issue 14).
 */
export const threeClosedSprintsScenario = (): ScenarioInput => {
  const base = handComputedScenario() as unknown as { sprints: Array<Record<string, unknown>>; issues: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  const story = (key: string, id: string, sprintId: number, started: string) => ({
    ...template,
    id,
    key,
    summary: `${key} summary`,
    sprintIds: [sprintId],
    customFields: { customfield_10042: 3 },
    properties: {},
    worklogs: [{ id: `w${id}`, author: DEVON, started, timeSpentSeconds: HOUR }],
  });
  return {
    ...base,
    name: 'capacity-progress',
    sprints: [
      { id: 3, boardId: 1, name: 'SHOP Sprint -1', state: 'closed', startDate: '2026-10-05T09:00:00+00:00', endDate: '2026-10-16T09:00:00+00:00', completeDate: '2026-10-16T09:00:00+00:00' },
      { id: 4, boardId: 1, name: 'SHOP Sprint 0', state: 'closed', startDate: '2026-10-19T09:00:00+00:00', endDate: '2026-10-30T09:00:00+00:00', completeDate: '2026-10-30T09:00:00+00:00' },
      ...base.sprints,
    ],
    issues: [...base.issues, story('SHOP-6', '20006', 3, '2026-10-07T09:00:00+00:00'), story('SHOP-7', '20007', 4, '2026-10-21T09:00:00+00:00')],
  } as unknown as ScenarioInput;
};
