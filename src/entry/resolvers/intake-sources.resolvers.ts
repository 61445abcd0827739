import { DEFAULT_COMMENT_INTERVAL_MINUTES } from '../../contract/intake.contract';
import { ok } from '../../contract/result';
import { deleteIntakeSource, previewIntakeSource, readIntakeSources, rotateIntakeSource, saveIntakeSource, sendTestAlert } from '../use-cases/intake-sources';
import { defineResolver } from './resolver-definition';

// intake (issue 17): alert sources on the project settings page. Only the project's admins: a
// source's URL and the test path are as good as the sender's own access.

/** A well-formed id the matrix aims forged calls at; no source has it, so an authorized call is "not found". */
const EXAMPLE_SOURCE_ID = '0e5c7a52-4f1b-4c88-9d1e-5a2b3c4d5e6f';

export const listIntakeSources = defineResolver({
  key: 'intake/list',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await readIntakeSources(projectKey, handler));
  },
});

export const saveIntakeSourceResolver = defineResolver({
  key: 'intake/save',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({
    projectKey,
    sourceId: null,
    settings: { name: 'Forged source', kind: 'generic', issueTypeId: '10001', rules: [], commentIntervalMinutes: DEFAULT_COMMENT_INTERVAL_MINUTES, advisory: null },
    baseVersion: 0,
  }),
  async handle({ projectKey, sourceId, settings, baseVersion }, handler) {
    return ok(await saveIntakeSource(projectKey, sourceId, settings, baseVersion, handler));
  },
});

export const rotateIntakeSourceResolver = defineResolver({
  key: 'intake/rotate',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, sourceId: EXAMPLE_SOURCE_ID, newUrl: true }),
  async handle({ projectKey, sourceId, newUrl, senderSecret }, handler) {
    return ok(await rotateIntakeSource(projectKey, sourceId, newUrl, senderSecret, handler));
  },
});

export const deleteIntakeSourceResolver = defineResolver({
  key: 'intake/delete',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, sourceId: EXAMPLE_SOURCE_ID, baseVersion: 1 }),
  async handle({ projectKey, sourceId, baseVersion }, handler) {
    return ok(await deleteIntakeSource(projectKey, sourceId, baseVersion, handler));
  },
});

export const previewIntakeSourceResolver = defineResolver({
  key: 'intake/preview',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, sourceId: EXAMPLE_SOURCE_ID }),
  async handle({ projectKey, sourceId, rules, advisory }, handler) {
    return ok(await previewIntakeSource(projectKey, sourceId, rules, advisory, handler));
  },
});

export const sendTestAlertResolver = defineResolver({
  key: 'intake/sendTest',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, sourceId: EXAMPLE_SOURCE_ID }),
  async handle({ projectKey, sourceId }, handler) {
    return ok(await sendTestAlert(projectKey, sourceId, handler));
  },
});
