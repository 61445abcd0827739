/**
 * guards (issue 15, item 8): linking an incident from another project hides the postmortem from
 * everyone who cannot browse that project. Before linking, the page learns who would lose access
 * (by name) and what could not be checked; the save refuses such a link unless it was confirmed,
 * whatever the client sends.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import type { PostmortemView } from '../../src/contract/postmortem.contract';
import { Sandbox } from '../../sandbox/sandbox';
import { createIssue } from '../support/jira-helpers';
import { dataOf, expectRefusal, invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const DEVON = people.devon;
const MIA = people.mia;
const OPS_INCIDENT = 'OPS-28';
const PAGE = 'postmortems';

let sandbox: Sandbox;
let incident: string;
let postmortem: PostmortemView['postmortem'];

const editOf = (pm: PostmortemView['postmortem'], patch: Partial<PostmortemView['postmortem']> = {}) => {
  const next = { ...pm, ...patch };
  return {
    title: next.title,
    severity: next.severity,
    owner: next.owner,
    incidents: next.incidents,
    artifacts: next.artifacts,
    summary: next.summary,
    customerImpact: next.customerImpact,
    impact: next.impact,
    timeline: next.timeline,
    answers: next.answers,
    actions: next.actions,
    remediation: next.remediation,
  };
};

const save = (as: string, pm: PostmortemView['postmortem'], incidents: string[], confirmedLinks?: string[]) =>
  invokeResolver(sandbox, as, 'postmortem/save', { id: pm.id, edit: editOf(pm, { incidents }), baseRevision: pm.revision, ...(confirmedLinks === undefined ? {} : { confirmedLinks }) }, PAGE);

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  incident = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Checkout fails for gift cards' });
  const started = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/start', { issueKey: incident }, PAGE)).postmortem;
  // Mia owns an action: she edits SHOP but cannot browse OPS.
  const withAction = editOf(started, { actions: [{ id: 'a1', title: 'Alert on gift card failures', owner: MIA, dueDate: '2026-12-04', question: 'detect', issueKey: null }] });
  postmortem = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/save', { id: started.id, edit: withAction, baseRevision: started.revision }, PAGE)).postmortem;
});

describe('linking an incident from another project', () => {
  it('names who would lose access, and says what it could not check', async () => {
    const impact = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/linkImpact', { id: postmortem.id, issueKey: OPS_INCIDENT }, PAGE));

    expect(impact).toMatchObject({ issueKey: OPS_INCIDENT, projectKey: 'OPS', otherProject: true });
    const names = impact.losing.map((person) => person.displayName);
    expect(names).toContain('Mia Chen');
    expect(names).not.toContain('Devon Park');
    expect(names).not.toContain('Rita Reyes');
    expect(impact.notChecked.join(' ')).toMatch(/permission scheme/);
  });

  it('says nothing is hidden for an incident of a project already linked', async () => {
    const other = await createIssue(sandbox, people.rita, { project: 'SHOP', type: 'Incident', summary: 'Gift cards again' });

    const impact = dataOf(await invokeResolver(sandbox, DEVON, 'postmortem/linkImpact', { id: postmortem.id, issueKey: other }, PAGE));

    expect(impact).toMatchObject({ otherProject: false, losing: [] });
    expect(dataOf(await save(DEVON, postmortem, [incident, other])).postmortem.incidents).toEqual([incident, other]);
  });

  it('refuses the link without an explicit confirmation, and with a confirmation of another key', async () => {
    expectRefusal(await save(DEVON, postmortem, [incident, OPS_INCIDENT]), 'INVALID_INPUT', /hides this postmortem from everyone who cannot browse OPS/);
    expectRefusal(await save(DEVON, postmortem, [incident, OPS_INCIDENT], ['OPS-1']), 'INVALID_INPUT', /confirm the link/);

    // Nothing changed: Mia still reads it.
    expect(dataOf(await invokeResolver(sandbox, MIA, 'postmortem/get', { id: postmortem.id }, PAGE)).postmortem.incidents).toEqual([incident]);
  });

  it('links once confirmed, and the people named then lose access', async () => {
    const linked = dataOf(await save(DEVON, postmortem, [incident, OPS_INCIDENT], [OPS_INCIDENT])).postmortem;

    expect(linked.incidents).toEqual([incident, OPS_INCIDENT]);
    expectRefusal(await invokeResolver(sandbox, MIA, 'postmortem/get', { id: postmortem.id }, PAGE), 'FORBIDDEN');
  });

  it('tells nobody about an incident they cannot see, and refuses the check to someone who cannot edit the postmortem', async () => {
    expectRefusal(await invokeResolver(sandbox, MIA, 'postmortem/linkImpact', { id: postmortem.id, issueKey: OPS_INCIDENT }, PAGE), 'NOT_FOUND', /does not exist, or you cannot see it/);
    expectRefusal(await invokeResolver(sandbox, people.otto, 'postmortem/linkImpact', { id: postmortem.id, issueKey: OPS_INCIDENT }, PAGE), 'FORBIDDEN');
  });
});
