/**
 * Every kind of background job the app runs. Both ends of a job import this module: `startJob`
 * (in the invocation that starts it) and the `background-jobs` consumer (in each invocation that
 * runs a slice, possibly a fresh process), so a kind is known wherever one of its slices lands.
 */
import { sprintFactsJob } from '../use-cases/capacity/sprint-facts-job';
import { registerJobKind } from './job-registry';

registerJobKind(sprintFactsJob);
