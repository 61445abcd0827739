import { readFileSync } from 'node:fs';

import { MINIMAL_SCENARIO_PATH, type ScenarioInput } from '../../sandbox/jira';

const HOUR = 3600;

/**
 * The minimal site with one closed sprint of `issueCount` issues: a third of them support issues
 * (by their report's kind), every tenth with 25 worklogs (more than Jira embeds, so the gadget must
 * fetch them), the rest with two. Deterministic, for comparable figures.
 */
export const capacityScenario = (issueCount: number): ScenarioInput => {
  const base = JSON.parse(readFileSync(MINIMAL_SCENARIO_PATH, 'utf8')) as ScenarioInput & { issues: Array<Record<string, unknown>> };
  const template = base.issues[0] as Record<string, unknown>;
  const issues = Array.from({ length: issueCount }, (_, index) => {
    const number = index + 1;
    const support = index % 3 === 0;
    const worklogCount = index % 10 === 0 ? 25 : 2;
    return {
      ...template,
      id: String(30_000 + number),
      key: `SHOP-${String(number)}`,
      issueTypeId: support ? '10005' : '10001',
      summary: `Bench issue ${String(number)}`,
      sprintIds: [1],
      labels: [],
      changelog: [],
      comments: [],
      customFields: { customfield_10042: (index % 5) + 1 },
      properties: support ? { 'firebreak-report': { search: { decidedSeverity: index % 2 === 0 ? 'critical' : 'major', kind: 'incident', ready: 'yes', waitingForReporter: 'no' } } } : {},
      worklogs: Array.from({ length: worklogCount }, (_unused, worklog) => ({
        id: String(number * 100 + worklog),
        author: 'acc-devon-oncall',
        started: `2026-11-${String(3 + (worklog % 9)).padStart(2, '0')}T10:00:00+00:00`,
        timeSpentSeconds: HOUR / 2,
      })),
    };
  });
  return { ...base, name: `capacity-bench-${String(issueCount)}`, issueLinks: [], issues } as unknown as ScenarioInput;
};
