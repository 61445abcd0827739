import type { Caller } from '../jira.permissions.js';
import { canSeeIssue } from '../jira.issue-security.js';
import type { SearchAlias } from '../jira.services.js';
import type { JiraStore, StoredIssue } from '../jira.store.js';
import { JqlError, type JqlQuery } from './jql.ast.js';
import { compileJql } from './jql.evaluator.js';
import { parseJql } from './jql.parser.js';

export interface JqlSearchOptions {
  store: JiraStore;
  caller: Caller;
  now: number;
  aliases: ReadonlyMap<string, SearchAlias>;
  /** the enhanced search endpoints reject queries without a restriction */
  requireBounded?: boolean;
  /** an extra restriction (e.g. sprint membership for Agile endpoints) */
  within?: (issue: StoredIssue) => boolean;
}

/** Runs a JQL query: parse → compile → filter to browsable issues → sort. Throws JqlError for bad JQL. */
export function searchJql(jql: string, options: JqlSearchOptions): StoredIssue[] {
  const query: JqlQuery = parseJql(jql);
  if (options.requireBounded === true && query.where === undefined) {
    // @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
    throw new JqlError('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  }
  const compiled = compileJql(query, options);
  const within = options.within ?? (() => true);
  return options.store
    .issueList()
    .filter((i) => canSeeIssue(options.store, options.caller, i) && within(i) && compiled.matches(i))
    .sort((a, b) => compiled.compare(a, b));
}
