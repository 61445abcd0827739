/**
 * The role matrix of incident communication (issue 16): who may post a stakeholder update, keep the
 * incident log, tick the playbook, rule on a severity dispute and edit the playbook, for every role
 * a Jira site has, on the demo site with its default settings. Enforced in the resolvers whatever the
 * panel shows; each refusal answers FORBIDDEN with a sentence and changes nothing in Jira or storage.
 *
 * The cast on SHOP (as in role-matrix.test.ts): Rita reported the incident (Users role); Eli, added
 * here as Rita's colleague, may edit and comment but neither reported nor triages; Devon triages
 * (Developers) and decided it
 * Critical; Sam is a project admin (Administrators, the default final say on disputes); Ada is the
 * Jira admin (her group holds Administrators); Otto has no access to SHOP. Mia (a second triager) disputed the level.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { DEMO_SCENARIO_PATH, loadScenarioFile } from '../../sandbox/jira/index';
import { Sandbox } from '../../sandbox/sandbox';
import { appReport } from '../support/app-storage';
import { createIssue } from '../support/jira-helpers';
import { dataOf, invokeResolver } from '../support/invoke-resolver';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { people } from '../support/people';

/** A second support agent: browses, edits and comments in SHOP, in no triager role. */
const ELI = 'acc-eli-support';

type Role = 'reporter' | 'editor who is neither' | 'triager' | 'project admin' | 'Jira admin' | 'no access';
type Expected = 'OK' | 'FORBIDDEN';

const CAST: Record<Role, string> = {
  reporter: people.rita,
  'editor who is neither': ELI,
  triager: people.devon,
  'project admin': people.sam,
  'Jira admin': people.ada,
  'no access': people.otto,
};

const ADMIN_PAGE = 'severity-policy-admin';

let sandbox: Sandbox;
let issueKey: string;
let disputeAt: string;

beforeEach(async () => {
  const scenario = structuredClone(await loadScenarioFile(DEMO_SCENARIO_PATH));
  scenario.users.push({ accountId: ELI, displayName: 'Eli Brandt', timeZone: 'UTC', siteAdmin: false, projectPermissions: { SHOP: ['browse', 'edit'] }, withheldPermissions: {}, allowedAppAccess: true });
  sandbox = await Sandbox.create({ scenario, jiraLatency: { minMs: 0, maxMs: 5 }, kvsLatency: { minMs: 0, maxMs: 0 } });
  issueKey = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout is down' });
  const saved = dataOf(await invokeResolver(sandbox, people.rita, 'report/save', { issueKey, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: 0 }));
  dataOf(await invokeResolver(sandbox, people.devon, 'triage/decideSeverity', { issueKey, level: 'critical', reason: 'Nobody can pay.', baseRevision: saved.report?.revision ?? 0 }));
  const disputed = dataOf(await invokeResolver(sandbox, people.mia, 'dispute/open', { issueKey, level: 'major', reason: 'Only one payment provider fails.' }));
  disputeAt = disputed.dispute.open?.at ?? '';
  await sandbox.runtime.drain();
}, 60_000);

interface Action {
  readonly name: string;
  readonly key: string;
  readonly moduleKey?: string;
  readonly payload: () => Promise<unknown>;
  readonly expected: Record<Role, Expected>;
}

const ALL_WHO_COMMENT: Record<Role, Expected> = { reporter: 'OK', 'editor who is neither': 'OK', triager: 'OK', 'project admin': 'OK', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' };

const ACTIONS: readonly Action[] = [
  {
    name: 'post a stakeholder update',
    key: 'updates/post',
    payload: () => Promise.resolve({ issueKey, actionId: crypto.randomUUID(), nothingNew: false, text: 'Rolling back build 412.' }),
    // Triagers (Developers and Administrators by default) and the assignee; nobody is assigned here.
    expected: { reporter: 'FORBIDDEN', 'editor who is neither': 'FORBIDDEN', triager: 'OK', 'project admin': 'OK', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' },
  },
  {
    name: 'add an incident log entry',
    key: 'log/add',
    payload: () => Promise.resolve({ issueKey, submissionId: crypto.randomUUID().replace(/-/g, ''), text: 'Rolled back build 412 on web-3' }),
    expected: ALL_WHO_COMMENT,
  },
  {
    name: 'tick a playbook step',
    key: 'log/tickStep',
    payload: async () => {
      const log = dataOf(await invokeResolver(sandbox, people.devon, 'log/get', { issueKey }));
      return { issueKey, step: log.playbook?.steps[0]?.key ?? 'missing', done: true };
    },
    expected: ALL_WHO_COMMENT,
  },
  {
    name: 'rule on the severity dispute',
    key: 'dispute/rule',
    payload: () => Promise.resolve({ issueKey, disputeAt, level: 'critical', reason: 'Every card payment fails: it stays Critical.' }),
    // The Administrators role has the final say by default.
    expected: { reporter: 'FORBIDDEN', 'editor who is neither': 'FORBIDDEN', triager: 'FORBIDDEN', 'project admin': 'OK', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' },
  },
  {
    name: 'edit the playbook (the site’s severity policy)',
    key: 'policy/saveSite',
    moduleKey: ADMIN_PAGE,
    payload: async () => {
      const site = dataOf(await invokeResolver(sandbox, people.ada, 'policy/getSite', {}, ADMIN_PAGE));
      const levels = site.policy.levels.map((level, index) => (index === 0 ? { ...level, playbook: ['Name who leads', 'Roll back first'] } : level));
      return { policy: { ...site.policy, levels }, baseVersion: site.version };
    },
    expected: { reporter: 'FORBIDDEN', 'editor who is neither': 'FORBIDDEN', triager: 'FORBIDDEN', 'project admin': 'FORBIDDEN', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' },
  },
];

describe('incident communication role matrix', () => {
  for (const action of ACTIONS) {
    describe(action.name, () => {
      it.each(Object.keys(CAST) as Role[])('as the %s', async (role) => {
        const payload = await action.payload();
        await sandbox.runtime.drain();
        const before = worldFingerprint(sandbox);
        const result = await invokeAs(sandbox, CAST[role], action.key, payload, action.moduleKey);
        expect(result.ok ? 'OK' : `${result.error.code}: ${result.error.message}`).toMatch(new RegExp(`^${action.expected[role]}`));
        if (!result.ok) {
          expect(result.error.message).toMatch(/^[A-Z].{10,}[.)]$/s);
          expect(worldFingerprint(sandbox)).toBe(before);
        }
      });
    });
  }

  it('keeps the severity history as it was after every refused ruling', async () => {
    const before = (await appReport(sandbox, issueKey))?.severityHistory.length;
    for (const role of ['reporter', 'editor who is neither', 'triager', 'no access'] as const) {
      await invokeAs(sandbox, CAST[role], 'dispute/rule', { issueKey, disputeAt, level: 'major', reason: 'I say Major.' });
    }
    expect((await appReport(sandbox, issueKey))?.severityHistory.length).toBe(before);
  });
});
