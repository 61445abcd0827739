import { ok } from '../../contract/result';
import { addLogEntry, deleteLogEntry, editLogEntry, readIncidentLogView, tickPlaybookStep } from '../use-cases/incident-log';
import { defineResolver } from './resolver-definition';

/**
 * log part (issue 16): the live incident log in the Production report panel. Every call needs Browse
 * projects on the issue (checked as the user before the handler runs); writing also needs Add
 * comments and an open incident, checked in the use case.
 */
export const getIncidentLog = defineResolver({
  key: 'log/get',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey }),
  async handle({ issueKey }, handler) {
    return ok(await readIncidentLogView(handler, issueKey));
  },
});

export const addIncidentLogEntry = defineResolver({
  key: 'log/add',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, submissionId: 'f'.repeat(32), text: 'Forged entry' }),
  async handle(payload, handler) {
    return ok(await addLogEntry(handler, payload));
  },
});

export const editIncidentLogEntry = defineResolver({
  key: 'log/edit',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, entryId: 'f'.repeat(32), baseVersion: 1, text: 'Forged correction', link: null, happenedAt: '2026-01-01T00:00:00.000Z' }),
  async handle(payload, handler) {
    return ok(await editLogEntry(handler, payload));
  },
});

export const deleteIncidentLogEntry = defineResolver({
  key: 'log/delete',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, entryId: 'f'.repeat(32), baseVersion: 1 }),
  async handle(payload, handler) {
    return ok(await deleteLogEntry(handler, payload));
  },
});

/** playbook part (issue 16): ticks or unticks a step of the all-hands playbook, recorded in the log. */
export const tickIncidentPlaybookStep = defineResolver({
  key: 'log/tickStep',
  access: { kind: 'issue', permission: 'BROWSE_PROJECTS', issueKey: (payload) => payload.issueKey },
  examplePayload: ({ issueKey }) => ({ issueKey, step: 'rest-abcdef', done: true }),
  async handle(payload, handler) {
    return ok(await tickPlaybookStep(handler, payload));
  },
});
