import { forgeJiraClients } from '../../jira/forge-transport';
import { fileDueProcessReviews } from '../use-cases/process-review';

/**
 * The `process-review` scheduled trigger (hourly): files the review task of every project whose
 * process review date has come (issue 16 part 5). Answers 204 like the other scheduled run; a run
 * that fails throws, and the next hour's run picks up what it left (see `fileDueProcessReviews`).
 * @see https://developer.atlassian.com/platform/forge/function-reference/scheduled-trigger/
 */
export const runProcessReviews = async (): Promise<{ statusCode: number }> => {
  const filed = await fileDueProcessReviews(forgeJiraClients().asApp, new Date());
  if (filed.length > 0) console.log(`process review tasks filed: ${filed.join(', ')}`);
  return { statusCode: 204 };
};
