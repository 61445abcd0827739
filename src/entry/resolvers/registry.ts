import type { ResolverKey } from '../../contract/resolvers.contract';
import { computeCapacityResolver, drillDownCapacity, listCapacityBoards, listCapacitySprints } from './capacity.resolvers';
import { getProjectCriteria } from './capacity-criteria.resolvers';
import { checkItem, sendBack } from './dor.resolvers';
import {
  createActionIssue,
  createRemediationIssue,
  jiraPriorities,
  findPostmortemOwners,
  getPostmortem,
  listPostmortemsResolver,
  postmortemForIssue,
  refreshPostmortemTimeline,
  savePostmortem,
  setPostmortemStatus,
  startPostmortem,
  setReviewers,
  approvePostmortemResolver,
  publishPostmortemResolver,
  openRevisionResolver,
  searchReviewersResolver,
  verifyPostmortemAction,
} from './postmortem.resolvers';
import { findSitePeople, getProjectPolicy, getSitePolicy, saveProjectPolicy, saveSitePolicy } from './policy.resolvers';
import { assignOnCall, getOnCall } from './on-call.resolvers';
import { findPeople, getProjectConfig, getSupportWip, saveProjectConfig } from './project-config.resolvers';
import { getReport, saveReport } from './report.resolvers';
import type { AnyResolverDefinition } from './resolver-definition';
import { supportHealthResolver } from './support-health.resolvers';
import { classify, decideSeverity } from './triage.resolvers';
// guards (issue 15)
import { closingCoverage } from './closing-coverage.resolvers';
import { exportPostmortemMarkdown, incidentLinkImpact } from './postmortem.resolvers';
// log part (issue 16)
import { getProjectProcessReview, getSiteProcessReview, saveProjectProcessReview, saveSiteProcessReview } from './process-review.resolvers';
import { addIncidentLogEntry, deleteIncidentLogEntry, editIncidentLogEntry, getIncidentLog, tickIncidentPlaybookStep } from './incident-log.resolvers';
// part: updates (issue 16)
import { followStakeholderUpdatesResolver, getStakeholderUpdates, postStakeholderUpdateResolver } from './stakeholder-updates.resolvers';
// disputes (issue 16 part 4)
import { getDispute, openDispute, ruleDispute } from './severity-dispute.resolvers';
// intake (issue 17): alert sources
import {
  deleteIntakeSourceResolver,
  listIntakeSources,
  previewIntakeSourceResolver,
  rotateIntakeSourceResolver,
  saveIntakeSourceResolver,
  sendTestAlertResolver,
} from './intake-sources.resolvers';

/**
 * Every resolver the app serves. The Forge handler, the sandbox and the authorization-matrix test
 * all read this one list, so a resolver added here is wired and security-tested at once.
 */
export const resolverRegistry: readonly AnyResolverDefinition[] = [
  getReport, saveReport, decideSeverity, classify, checkItem, sendBack, getProjectConfig, saveProjectConfig, getSupportWip, getSitePolicy,
  saveSitePolicy,
  getProjectPolicy,
  saveProjectPolicy,
  findSitePeople, // part: updates (issue 16)
  // process review (issue 16 part 5)
  getSiteProcessReview,
  saveSiteProcessReview,
  getProjectProcessReview,
  saveProjectProcessReview,
  listCapacityBoards,
  listCapacitySprints,
  computeCapacityResolver,
  drillDownCapacity,
  supportHealthResolver,
  getProjectCriteria,
  listPostmortemsResolver,
  postmortemForIssue,
  startPostmortem,
  getPostmortem,
  savePostmortem,
  setPostmortemStatus,
  refreshPostmortemTimeline,
  createActionIssue,
  // Review (part "review")
  setReviewers,
  approvePostmortemResolver,
  publishPostmortemResolver,
  openRevisionResolver,
  searchReviewersResolver,
  // actions part (issue 15)
  findPostmortemOwners,
  verifyPostmortemAction,
  findPeople,
  getOnCall,
  assignOnCall,
  // guards (issue 15)
  closingCoverage,
  incidentLinkImpact,
  // format part (issue 15)
  createRemediationIssue,
  jiraPriorities,
  // fixes (issue 15)
  exportPostmortemMarkdown,
  // log part (issue 16): the live incident log and the all-hands playbook
  getIncidentLog,
  addIncidentLogEntry,
  editIncidentLogEntry,
  deleteIncidentLogEntry,
  tickIncidentPlaybookStep,
  // part: updates (issue 16)
  getStakeholderUpdates,
  postStakeholderUpdateResolver,
  followStakeholderUpdatesResolver,
  // disputes (issue 16 part 4)
  getDispute,
  openDispute,
  ruleDispute,
  // intake (issue 17): alert sources on the project settings page
  listIntakeSources,
  saveIntakeSourceResolver,
  rotateIntakeSourceResolver,
  deleteIntakeSourceResolver,
  previewIntakeSourceResolver,
  sendTestAlertResolver,
];

export const findResolver = (key: string): AnyResolverDefinition | undefined =>
  resolverRegistry.find((definition) => definition.key === (key as ResolverKey));
