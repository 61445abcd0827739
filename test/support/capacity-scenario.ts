import { readFileSync } from 'node:fs';

import { MINIMAL_SCENARIO_PATH, type ScenarioInput } from '../../sandbox/jira';

export const HOUR = 3600;
const DEVON = 'acc-devon-oncall';
export const SCRUM_MASTER = 'acc-sam-scrum';

const report = (decidedSeverity: string, kind: string) => ({ 'firebreak-report': { search: { decidedSeverity, kind, ready: 'yes', waitingForReporter: 'no' } } });

/** The sprint described at the top of test/integration/capacity.integration.test.ts, with a scrum master added. */
export const handComputedScenario = (): ScenarioInput => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  const issue = (key: string, id: string, issueTypeId: string, extra: Record<string, unknown>) => ({
    ...template,
    id,
    key,
    issueTypeId,
    summary: `${key} summary`,
    changelog: [],
    comments: [],
    labels: [],
    customFields: {},
    properties: {},
    ...extra,
  });
  const worklog = (id: string, started: string, hours: number) => ({ id, author: DEVON, started, timeSpentSeconds: hours * HOUR });
  const devon = base.users.find((user) => user.accountId === DEVON);
  return {
    ...base,
    name: 'capacity-by-hand',
    users: [...base.users, { ...devon, accountId: SCRUM_MASTER, displayName: 'Sam Okafor', role: 'Scrum master' }],
    issueLinks: [],
    issues: [
      issue('SHOP-1', '20001', '10001', { sprintIds: [1, 2], customFields: { customfield_10042: 5 }, worklogs: [worklog('1', '2026-11-10T09:00:00+00:00', 2), worklog('2', '2026-11-17T09:00:00+00:00', 1)] }),
      issue('SHOP-2', '20002', '10005', { sprintIds: [1], customFields: { customfield_10042: 3 }, properties: report('critical', 'incident'), worklogs: [worklog('3', '2026-11-05T09:00:00+00:00', 3), worklog('4', '2026-11-14T09:00:00+00:00', 4)] }),
      issue('SHOP-3', '20003', '10002', { sprintIds: [1], customFields: { customfield_10042: 2 }, properties: report('major', 'defect'), worklogs: [] }),
      issue('SHOP-4', '20004', '10004', { sprintIds: [1], parentKey: 'SHOP-3', worklogs: [worklog('5', '2026-11-12T09:00:00+00:00', 2)] }),
      issue('SHOP-5', '20005', '10001', { sprintIds: [1], worklogs: [worklog('6', '2026-11-03T09:00:00+00:00', 1)] }),
    ],
  } as unknown as ScenarioInput;
};

