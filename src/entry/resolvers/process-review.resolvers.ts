import { ok } from '../../contract/result';
import { PROCESS_REVIEW_DEFAULTS } from '../../contract/process-review.contract';
import { readProcessReviewView, saveProcessReviewSetting } from '../use-cases/process-review';
import { defineResolver } from './resolver-definition';

// Process review (issue 16 part 5): the site's schedule is the Jira admin's, a project's its admins'.

export const getSiteProcessReview = defineResolver({
  key: 'processReview/getSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({}),
  async handle(_payload, handler) {
    return ok(await readProcessReviewView(null, handler.now(), true));
  },
});

export const saveSiteProcessReview = defineResolver({
  key: 'processReview/saveSite',
  access: { kind: 'global', permission: 'ADMINISTER' },
  examplePayload: () => ({ setting: { ...PROCESS_REVIEW_DEFAULTS }, baseVersion: 0 }),
  async handle({ setting, baseVersion }, handler) {
    return ok(await saveProcessReviewSetting(null, setting, baseVersion, handler));
  },
});

export const getProjectProcessReview = defineResolver({
  key: 'processReview/getProject',
  access: { kind: 'project', permission: 'BROWSE_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey }),
  async handle({ projectKey }, handler) {
    return ok(await readProcessReviewView(projectKey, handler.now(), handler.access.granted.has('ADMINISTER_PROJECTS')));
  },
});

export const saveProjectProcessReview = defineResolver({
  key: 'processReview/saveProject',
  access: { kind: 'project', permission: 'ADMINISTER_PROJECTS', projectKey: (payload) => payload.projectKey },
  examplePayload: ({ projectKey }) => ({ projectKey, setting: { ...PROCESS_REVIEW_DEFAULTS }, baseVersion: 0 }),
  async handle({ projectKey, setting, baseVersion }, handler) {
    return ok(await saveProcessReviewSetting(projectKey, setting, baseVersion, handler));
  },
});
