/**
 * Which manifest scope a product request needs, so the sandbox refuses a call the deployed app would
 * be refused for (Jira answers 401 "scope does not match"). Classic scopes only, as the manifest uses.
 * @see https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/
 * @see https://developer.atlassian.com/cloud/jira/software/scopes-for-oauth-2-3LO-and-forge-apps/
 */
interface ScopeRule {
  readonly method: 'READ' | 'WRITE';
  readonly pattern: RegExp;
  /** Any one of these grants the request. */
  readonly anyOf: readonly string[];
}

const RULES: readonly ScopeRule[] = [
  { method: 'READ', pattern: /^\/rest\/agile\/1\.0\/board\/\d+\/configuration/, anyOf: ['read:board-scope.admin:jira-software'] },
  { method: 'READ', pattern: /^\/rest\/agile\/1\.0\/board\/\d+\/sprint/, anyOf: ['read:sprint:jira-software'] },
  { method: 'READ', pattern: /^\/rest\/agile\/1\.0\/board/, anyOf: ['read:board-scope:jira-software'] },
  { method: 'READ', pattern: /^\/rest\/agile\/1\.0\/sprint/, anyOf: ['read:sprint:jira-software'] },
  { method: 'READ', pattern: /^\/rest\/agile\/1\.0\/issue/, anyOf: ['read:issue:jira-software'] },
  { method: 'READ', pattern: /^\/rest\/api\/3\/(user|users|myself)/, anyOf: ['read:jira-user'] },
  // POST reads: search and bulk fetches read data despite the verb.
  { method: 'WRITE', pattern: /^\/rest\/api\/3\/(search\/jql|search\/approximate-count|issue\/bulkfetch|changelog\/bulkfetch|worklog\/list|permissions\/check)/, anyOf: ['read:jira-work'] },
  { method: 'READ', pattern: /^\/rest\/api\/3\//, anyOf: ['read:jira-work'] },
  { method: 'WRITE', pattern: /^\/rest\/api\/3\//, anyOf: ['write:jira-work'] },
];

export const missingScopeFor = (method: string, path: string, granted: readonly string[]): string | undefined => {
  const kind = method.toUpperCase() === 'GET' ? 'READ' : 'WRITE';
  const pathOnly = path.split('?')[0] ?? path;
  const rule = RULES.find((candidate) => candidate.method === kind && candidate.pattern.test(pathOnly));
  if (rule === undefined) return undefined;
  return rule.anyOf.some((scope) => granted.includes(scope)) ? undefined : rule.anyOf.join(' or ');
};
