/**
 * Every kind of background job the app runs, registered once wherever a job is started or a slice
 * consumed (both import this module). To add one: define a `JobKind` next to its use case and add a
 * `registerJobKind(...)` line here.
 */
import './job-registry';

export {};
