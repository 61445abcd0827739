import type { z } from 'zod';

// part: updates (issue 16)
import { followPayloadSchema, getUpdatesPayloadSchema, postUpdatePayloadSchema, stakeholderUpdatesViewSchema } from './stakeholder-updates.contract';

import {
  boardListSchema,
  capacityViewSchema,
  computeCapacityPayloadSchema,
  drillDownPayloadSchema,
  drillDownViewSchema,
  listBoardsPayloadSchema,
  listSprintsPayloadSchema,
  projectCriteriaPayloadSchema,
  projectCriteriaSchema,
  sprintListSchema,
} from './capacity.contract';
import {
  createActionIssuePayloadSchema,
  getPostmortemPayloadSchema,
  listPostmortemsPayloadSchema,
  postmortemForIssuePayloadSchema,
  postmortemForIssueSchema,
  postmortemListSchema,
  postmortemViewSchema,
  // format part (issue 15)
  createRemediationIssuePayloadSchema,
  jiraPrioritiesPayloadSchema,
  jiraPrioritiesSchema,
  refreshTimelinePayloadSchema,
  savePostmortemPayloadSchema,
  setPostmortemStatusPayloadSchema,
  startPostmortemPayloadSchema,
  findPostmortemOwnersPayloadSchema,
  verifyActionPayloadSchema,
} from './postmortem.contract';
// Review (part "review")
import { exportMarkdownPayloadSchema, markdownExportSchema } from './postmortem.contract';
import { approvePostmortemPayloadSchema, openRevisionPayloadSchema, publishPostmortemPayloadSchema, reviewerCandidatesSchema, searchReviewersPayloadSchema, setReviewersPayloadSchema } from './postmortem.contract';
import { assignOnCallPayloadSchema, assignOnCallResultSchema, findPeoplePayloadSchema, getOnCallPayloadSchema, onCallViewSchema, peopleSchema } from './on-call.contract';
import {
  getProjectPolicyPayloadSchema,
  findSitePeoplePayloadSchema, getSitePolicyPayloadSchema,
  policyViewSchema,
  saveProjectPolicyPayloadSchema,
  saveSitePolicyPayloadSchema,
} from './policy.contract';
import { getProjectConfigPayloadSchema, projectConfigViewSchema, saveProjectConfigPayloadSchema, supportWipPayloadSchema, supportWipViewSchema } from './project-config.contract';
import {
  checkItemPayloadSchema,
  classifyPayloadSchema,
  decideSeverityPayloadSchema,
  getReportPayloadSchema,
  reportViewSchema,
  saveReportPayloadSchema,
  sendBackPayloadSchema,
} from './report.contract';
// guards (issue 15): the validator's closing-transition coverage
import { closingCoveragePayloadSchema, closingCoverageViewSchema } from './closing-coverage.contract';
import { incidentLinkImpactPayloadSchema, incidentLinkImpactSchema } from './incident-link.contract';
import { supportHealthPayloadSchema, supportHealthViewSchema } from './support-health.contract';
// log part (issue 16): the live incident log and the all-hands playbook
import {
  getProjectProcessReviewPayloadSchema,
  getSiteProcessReviewPayloadSchema,
  processReviewViewSchema,
  saveProjectProcessReviewPayloadSchema,
  saveSiteProcessReviewPayloadSchema,
} from './process-review.contract';
import { addLogEntryPayloadSchema, deleteLogEntryPayloadSchema, editLogEntryPayloadSchema, getIncidentLogPayloadSchema, incidentLogViewSchema, tickPlaybookStepPayloadSchema } from './incident-log.contract';
// disputes (issue 16 part 4)
import {
  deleteIntakeSourcePayloadSchema,
  intakePreviewSchema,
  intakeSecretResultSchema,
  intakeSourcesViewSchema,
  intakeTestResultSchema,
  listIntakeSourcesPayloadSchema,
  previewIntakeSourcePayloadSchema,
  rotateIntakeSourcePayloadSchema,
  saveIntakeSourcePayloadSchema,
  sendTestAlertPayloadSchema,
} from './intake-sources.contract';
import { disputeResultSchema, disputeViewSchema, getDisputePayloadSchema, openDisputePayloadSchema, ruleDisputePayloadSchema } from './severity-dispute.contract';

/**
 * Every resolver the UI may call: its key (`area/verb`), payload schema and result schema.
 * The backend registry must implement exactly these keys (a test checks it), and the UI's typed
 * client derives its signatures from this table, so the two ends cannot drift apart.
 */
export const resolverContract = {
  'report/get': { payload: getReportPayloadSchema, result: reportViewSchema },
  'report/save': { payload: saveReportPayloadSchema, result: reportViewSchema },
  'triage/decideSeverity': { payload: decideSeverityPayloadSchema, result: reportViewSchema },
  'triage/classify': { payload: classifyPayloadSchema, result: reportViewSchema },
  'dor/checkItem': { payload: checkItemPayloadSchema, result: reportViewSchema },
  'dor/sendBack': { payload: sendBackPayloadSchema, result: reportViewSchema },
  'config/getProject': { payload: getProjectConfigPayloadSchema, result: projectConfigViewSchema },
  'config/saveProject': { payload: saveProjectConfigPayloadSchema, result: projectConfigViewSchema },
  'config/supportWip': { payload: supportWipPayloadSchema, result: supportWipViewSchema },
  'config/findPeople': { payload: findPeoplePayloadSchema, result: peopleSchema },
  'oncall/get': { payload: getOnCallPayloadSchema, result: onCallViewSchema },
  'oncall/assign': { payload: assignOnCallPayloadSchema, result: assignOnCallResultSchema },
  'policy/getSite': { payload: getSitePolicyPayloadSchema, result: policyViewSchema },
  'policy/findPeople': { payload: findSitePeoplePayloadSchema, result: peopleSchema },
  'policy/saveSite': { payload: saveSitePolicyPayloadSchema, result: policyViewSchema },
  'policy/getProject': { payload: getProjectPolicyPayloadSchema, result: policyViewSchema },
  'policy/saveProject': { payload: saveProjectPolicyPayloadSchema, result: policyViewSchema },
  'capacity/listBoards': { payload: listBoardsPayloadSchema, result: boardListSchema },
  'capacity/listSprints': { payload: listSprintsPayloadSchema, result: sprintListSchema },
  'capacity/compute': { payload: computeCapacityPayloadSchema, result: capacityViewSchema },
  'capacity/drillDown': { payload: drillDownPayloadSchema, result: drillDownViewSchema },
  'capacity/health': { payload: supportHealthPayloadSchema, result: supportHealthViewSchema },
  'capacity/projectCriteria': { payload: projectCriteriaPayloadSchema, result: projectCriteriaSchema },
  'postmortem/list': { payload: listPostmortemsPayloadSchema, result: postmortemListSchema },
  'postmortem/forIssue': { payload: postmortemForIssuePayloadSchema, result: postmortemForIssueSchema },
  'postmortem/start': { payload: startPostmortemPayloadSchema, result: postmortemViewSchema },
  'postmortem/get': { payload: getPostmortemPayloadSchema, result: postmortemViewSchema },
  'postmortem/save': { payload: savePostmortemPayloadSchema, result: postmortemViewSchema },
  'postmortem/setStatus': { payload: setPostmortemStatusPayloadSchema, result: postmortemViewSchema },
  'postmortem/refreshTimeline': { payload: refreshTimelinePayloadSchema, result: postmortemViewSchema },
  'postmortem/createActionIssue': { payload: createActionIssuePayloadSchema, result: postmortemViewSchema },
  // format part (issue 15): remediation filed as its own Jira issue, with a Jira priority
  'postmortem/createRemediationIssue': { payload: createRemediationIssuePayloadSchema, result: postmortemViewSchema },
  'postmortem/jiraPriorities': { payload: jiraPrioritiesPayloadSchema, result: jiraPrioritiesSchema },
  // Review (part "review")
  'postmortem/setReviewers': { payload: setReviewersPayloadSchema, result: postmortemViewSchema },
  'postmortem/approve': { payload: approvePostmortemPayloadSchema, result: postmortemViewSchema },
  'postmortem/publish': { payload: publishPostmortemPayloadSchema, result: postmortemViewSchema },
  'postmortem/openRevision': { payload: openRevisionPayloadSchema, result: postmortemViewSchema },
  'postmortem/searchReviewers': { payload: searchReviewersPayloadSchema, result: reviewerCandidatesSchema },
  // actions part (issue 15)
  'postmortem/findOwners': { payload: findPostmortemOwnersPayloadSchema, result: peopleSchema },
  'postmortem/verifyAction': { payload: verifyActionPayloadSchema, result: postmortemViewSchema },
  // guards (issue 15)
  'validator/closingCoverage': { payload: closingCoveragePayloadSchema, result: closingCoverageViewSchema },
  'postmortem/linkImpact': { payload: incidentLinkImpactPayloadSchema, result: incidentLinkImpactSchema },
  // fixes (issue 15)
  'postmortem/exportMarkdown': { payload: exportMarkdownPayloadSchema, result: markdownExportSchema },
  // log part (issue 16): the live incident log and the all-hands playbook
  'log/get': { payload: getIncidentLogPayloadSchema, result: incidentLogViewSchema },
  'log/add': { payload: addLogEntryPayloadSchema, result: incidentLogViewSchema },
  'log/edit': { payload: editLogEntryPayloadSchema, result: incidentLogViewSchema },
  'log/delete': { payload: deleteLogEntryPayloadSchema, result: incidentLogViewSchema },
  'log/tickStep': { payload: tickPlaybookStepPayloadSchema, result: incidentLogViewSchema },
  // process review (issue 16 part 5)
  'processReview/getSite': { payload: getSiteProcessReviewPayloadSchema, result: processReviewViewSchema },
  'processReview/saveSite': { payload: saveSiteProcessReviewPayloadSchema, result: processReviewViewSchema },
  'processReview/getProject': { payload: getProjectProcessReviewPayloadSchema, result: processReviewViewSchema },
  'processReview/saveProject': { payload: saveProjectProcessReviewPayloadSchema, result: processReviewViewSchema },
  // part: updates (issue 16): stakeholder updates and Follow updates, in the report panel
  'updates/get': { payload: getUpdatesPayloadSchema, result: stakeholderUpdatesViewSchema },
  'updates/post': { payload: postUpdatePayloadSchema, result: stakeholderUpdatesViewSchema },
  'updates/follow': { payload: followPayloadSchema, result: stakeholderUpdatesViewSchema },
  // disputes (issue 16 part 4): severity disputes with a final say
  'dispute/get': { payload: getDisputePayloadSchema, result: disputeViewSchema },
  'dispute/open': { payload: openDisputePayloadSchema, result: disputeResultSchema },
  'dispute/rule': { payload: ruleDisputePayloadSchema, result: disputeResultSchema },
  // intake (issue 17): alert sources on the project settings page
  'intake/list': { payload: listIntakeSourcesPayloadSchema, result: intakeSourcesViewSchema },
  'intake/save': { payload: saveIntakeSourcePayloadSchema, result: intakeSecretResultSchema },
  'intake/rotate': { payload: rotateIntakeSourcePayloadSchema, result: intakeSecretResultSchema },
  'intake/delete': { payload: deleteIntakeSourcePayloadSchema, result: intakeSourcesViewSchema },
  'intake/preview': { payload: previewIntakeSourcePayloadSchema, result: intakePreviewSchema },
  'intake/sendTest': { payload: sendTestAlertPayloadSchema, result: intakeTestResultSchema },
} as const;

export type ResolverKey = keyof typeof resolverContract;
export type PayloadOf<K extends ResolverKey> = z.input<(typeof resolverContract)[K]['payload']>;
export type ResultOf<K extends ResolverKey> = z.infer<(typeof resolverContract)[K]['result']>;
export const RESOLVER_KEYS = Object.keys(resolverContract) as ResolverKey[];
