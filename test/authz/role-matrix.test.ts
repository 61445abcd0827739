/**
 * The role matrix: who may do a triager's work and who may pick the reporter's severity, for every
 * role a Jira site has, on the demo site with its default settings (Developers and Administrators
 * triage). The permission matrix (authorization-matrix.test.ts) proves Jira's permissions hold;
 * this one proves the app's own roles hold on top of them, enforced in the resolvers whatever the UI
 * shows.
 *
 * The cast, as the demo site has them on SHOP:
 * - reporter: Rita (Users role only, may edit), on the issue she reported;
 * - editor who is neither: Rita again, on an issue someone else reported;
 * - triager: Devon (Developers, through the shop-developers group);
 * - project admin: Sam (Administrators, in person);
 * - Jira admin: Ada (site admin; her site-admins group holds SHOP's Administrators role, as on a
 *   default site, so she triages there);
 * - no access: Otto (nothing on SHOP).
 *
 * Each refusal must answer FORBIDDEN with a sentence and leave Jira and app storage as they were.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { generateReportFields } from '../../src/domain/report/testing/report.factory';
import { Sandbox } from '../../sandbox/sandbox';
import { appReport } from '../support/app-storage';
import { createIssue } from '../support/jira-helpers';
import { invokeAs, worldFingerprint } from '../support/sandbox-harness';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const RITA = people.rita;
const DEVON = people.devon;
const MIA = people.mia;
const SAM = people.sam;
const ADA = people.ada;
const OTTO = people.otto;

type Role = 'reporter' | 'triager' | 'editor who is neither' | 'project admin' | 'Jira admin' | 'no access';

/** Who acts, and on which of the two issues: Rita's own, or the one Mia reported. */
const CAST: Record<Role, { readonly accountId: string; readonly issue: 'rita' | 'mia' }> = {
  reporter: { accountId: RITA, issue: 'rita' },
  triager: { accountId: DEVON, issue: 'rita' },
  'editor who is neither': { accountId: RITA, issue: 'mia' },
  'project admin': { accountId: SAM, issue: 'rita' },
  'Jira admin': { accountId: ADA, issue: 'rita' },
  'no access': { accountId: OTTO, issue: 'rita' },
};

type Expected = 'OK' | 'FORBIDDEN';
const TRIAGER_WORK: Record<Role, Expected> = {
  reporter: 'FORBIDDEN',
  triager: 'OK',
  'editor who is neither': 'FORBIDDEN',
  'project admin': 'OK',
  'Jira admin': 'OK',
  'no access': 'FORBIDDEN',
};

/** Work only a project's admins do: its settings (Ada administers every project). */
const PROJECT_ADMIN_WORK: Record<Role, Expected> = {
  reporter: 'FORBIDDEN',
  triager: 'FORBIDDEN',
  'editor who is neither': 'FORBIDDEN',
  'project admin': 'OK',
  'Jira admin': 'OK',
  'no access': 'FORBIDDEN',
};

let sandbox: Sandbox;
let issues: Record<'rita' | 'mia', string>;

/** A thin report with the reporter's pick, so there is something to decide, classify and send back. */
const fileThinReport = async (reporter: string, issueKey: string): Promise<number> =>
  dataOf(await invokeResolver(sandbox, reporter, 'report/save', { issueKey, fields: generateReportFields({ stepsToReproduce: '' }), reporterSeverity: 'minor', baseRevision: 0 })).report?.revision ?? 0;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo', jiraLatency: { minMs: 0, maxMs: 5 }, kvsLatency: { minMs: 0, maxMs: 0 } });
  issues = {
    rita: await createIssue(sandbox, RITA, { project: 'SHOP', type: 'Bug', summary: 'Checkout spinner never stops' }),
    mia: await createIssue(sandbox, MIA, { project: 'SHOP', type: 'Bug', summary: 'Refund page shows a blank total' }),
  };
  await fileThinReport(RITA, issues.rita);
  await fileThinReport(MIA, issues.mia);
});

interface Action {
  readonly name: string;
  readonly key: string;
  readonly moduleKey?: string;
  readonly payload: (issueKey: string, revision: number) => unknown;
  readonly expected: Record<Role, Expected>;
}

const ACTIONS: readonly Action[] = [
  {
    name: 'decide the severity',
    key: 'triage/decideSeverity',
    payload: (issueKey, baseRevision) => ({ issueKey, level: 'critical', reason: 'Checkout is down for every shopper in the EU.', baseRevision, actionId: crypto.randomUUID() }),
    expected: TRIAGER_WORK,
  },
  {
    name: 'classify',
    key: 'triage/classify',
    payload: (issueKey, baseRevision) => ({ issueKey, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision }),
    expected: TRIAGER_WORK,
  },
  {
    name: 'tick the triager’s checklist',
    key: 'dor/checkItem',
    moduleKey: 'definition-of-ready-panel',
    payload: (issueKey, baseRevision) => ({ issueKey, itemId: 'reproduced-internally', checked: true, note: 'https://example.com/repro/1', baseRevision }),
    expected: TRIAGER_WORK,
  },
  {
    name: 'send back to the reporter',
    key: 'dor/sendBack',
    moduleKey: 'definition-of-ready-panel',
    payload: (issueKey, baseRevision) => ({ issueKey, baseRevision, actionId: crypto.randomUUID() }),
    expected: TRIAGER_WORK,
  },
  {
    name: 'change the reporter’s severity pick',
    key: 'report/save',
    payload: (issueKey, baseRevision) => ({ issueKey, fields: generateReportFields({ stepsToReproduce: '' }), reporterSeverity: 'critical', baseRevision }),
    expected: { reporter: 'OK', triager: 'OK', 'editor who is neither': 'FORBIDDEN', 'project admin': 'OK', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' },
  },
  {
    name: 'edit the report’s fields, leaving the pick as it is',
    key: 'report/save',
    payload: (issueKey, baseRevision) => ({ issueKey, fields: generateReportFields({ stepsToReproduce: '1. Open the cart\n2. Pay' }), reporterSeverity: 'minor', baseRevision }),
    expected: { reporter: 'OK', triager: 'OK', 'editor who is neither': 'OK', 'project admin': 'OK', 'Jira admin': 'OK', 'no access': 'FORBIDDEN' },
  },
  // intake (issue 17): alert sources are the project admins' alone (a triager may not see a source's URL or add one).
  {
    name: 'list the alert sources',
    key: 'intake/list',
    moduleKey: 'project-settings',
    payload: () => ({ projectKey: 'SHOP' }),
    expected: PROJECT_ADMIN_WORK,
  },
  {
    name: 'add an alert source',
    key: 'intake/save',
    moduleKey: 'project-settings',
    payload: () => ({ projectKey: 'SHOP', sourceId: null, settings: { name: 'Checkout monitoring', kind: 'generic', issueTypeId: '10005', rules: [], commentIntervalMinutes: 60, advisory: null }, baseVersion: 0 }),
    expected: PROJECT_ADMIN_WORK,
  },
];

describe('role matrix', () => {
  for (const action of ACTIONS) {
    describe(action.name, () => {
      it.each(Object.keys(CAST) as Role[])('as the %s', async (role) => {
        const { accountId, issue } = CAST[role];
        const issueKey = issues[issue];
        const revision = (await appReport(sandbox, issueKey))?.revision ?? 0;
        const before = worldFingerprint(sandbox);

        const result = await invokeAs(sandbox, accountId, action.key, action.payload(issueKey, revision), action.moduleKey);

        const expected = action.expected[role];
        expect(result.ok ? 'OK' : `${result.error.code}: ${result.error.message}`).toMatch(new RegExp(`^${expected}`));
        if (!result.ok) {
          expect(result.error.message).toMatch(/^[A-Z].{10,}[.)]$/s);
          expect(worldFingerprint(sandbox)).toBe(before);
        }
      });
    });
  }

  it('tells a reporter who is not a triager who triages, and what to do, when she tries to decide', async () => {
    const result = await invokeResolver(sandbox, RITA, 'triage/decideSeverity', { issueKey: issues.rita, level: 'critical', reason: 'My own issue is the most urgent.', baseRevision: 1 });
    expectRefusal(result, 'FORBIDDEN');
    if (result.ok) return;
    expect(result.error.message).toContain('Only triagers can decide severity in SHOP');
    expect(result.error.message).toContain('Developers or Administrators project role');
    expect(result.error.message).toContain('Ask a project admin');
  });

  it('records a triager’s pick for the reporter as made on her behalf, and shows it so', async () => {
    const revision = (await appReport(sandbox, issues.rita))?.revision ?? 0;
    const saved = dataOf(await invokeResolver(sandbox, DEVON, 'report/save', { issueKey: issues.rita, fields: generateReportFields(), reporterSeverity: 'critical', baseRevision: revision }));
    expect(saved.report?.severityHistory.at(-1)).toMatchObject({ kind: 'reporter-pick', level: 'critical', by: DEVON, onBehalfOf: RITA });
    // The reporter's own pick is recorded as hers, with nobody on whose behalf.
    const own = dataOf(await invokeResolver(sandbox, RITA, 'report/save', { issueKey: issues.rita, fields: generateReportFields(), reporterSeverity: 'major', baseRevision: saved.report?.revision ?? 0 }));
    expect(own.report?.severityHistory.at(-1)?.onBehalfOf).toBeUndefined();
    expect(own.report?.severityHistory.at(-1)).toMatchObject({ by: RITA, level: 'major' });
  });

  it('tells each viewer whether they triage, so the panels can hide what they may not use', async () => {
    const asRita = dataOf(await invokeResolver(sandbox, RITA, 'report/get', { issueKey: issues.rita }));
    expect(asRita.viewer).toMatchObject({ isReporter: true, isTriager: false });
    expect(asRita.viewer.notTriagerReason).toContain('Only triagers can');
    const asDevon = dataOf(await invokeResolver(sandbox, DEVON, 'report/get', { issueKey: issues.rita }));
    expect(asDevon.viewer).toEqual({ accountId: DEVON, isReporter: false, isTriager: true, notTriagerReason: null });
    const asSam = dataOf(await invokeResolver(sandbox, SAM, 'report/get', { issueKey: issues.rita }));
    expect(asSam.viewer.isTriager).toBe(true);
  });

  it('follows the project’s settings: a group chosen as triagers counts, and the default roles stop counting when not chosen', async () => {
    const settings = await invokeResolver(sandbox, SAM, 'config/getProject', { projectKey: 'SHOP' }, 'project-settings');
    if (!settings.ok) throw new Error(settings.error.message);
    const view = settings.data;
    const saved = await invokeResolver(
      sandbox,
      SAM,
      'config/saveProject',
      { projectKey: 'SHOP', config: { ...view.config, triagers: { roles: [], groups: ['jira-software-users'] } }, baseVersion: view.version },
      'project-settings',
    );
    expect(saved).toMatchObject({ ok: true });

    const revision = (await appReport(sandbox, issues.mia))?.revision ?? 0;
    const classified = await invokeResolver(sandbox, RITA, 'triage/classify', { issueKey: issues.mia, level: 'code-or-data', kind: 'defect', classOfService: 'bug-asap', baseRevision: revision });
    expect(classified).toMatchObject({ ok: true });
  });
});
