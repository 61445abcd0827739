// Re-exports the functions named in manifest.yml, nothing else (one export per `function` key).

// UI resolvers: issue panels, project settings page, admin page, validator configuration
export { handler } from './entry/resolvers/resolver.handler';

// jira:workflowValidator (function-based)
export { validateSeverityPolicy } from './entry/validators/severity-policy.validator';

// trigger: product events
export { onIssueEvent } from './entry/triggers/on-issue-event.handler';
export { onFactsEvent } from './entry/triggers/on-facts-event.handler';

// scheduledTrigger
export { runUpdateReminders } from './entry/triggers/update-reminders.handler';
export { runProcessReviews } from './entry/triggers/process-review.handler';
// disputes (issue 16 part 4)
export { runDisputeReminders } from './entry/triggers/dispute-reminders.handler';

// consumer: slices of background jobs (Forge async events)
export { runBackgroundSlice } from './entry/background/run-background-slice.handler';

// consumer: intake (issue 17), alerts become incidents (Forge async events)
export { processAlerts } from './entry/intake/process-alerts.handler';
// webtrigger: alert sources' URLs (intake, issue 17)
export { receiveAlert } from './entry/intake/receive-alert.handler';
