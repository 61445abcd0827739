import { describe, expect, it } from 'vitest';

import { checkScopes, findOperation, requiredScopesOf, SCOPE_MISMATCH_BODY, scopeRefusal } from './scopes';

const CLASSIC_ONLY = ['read:jira-work', 'write:jira-work'];

describe('findOperation', () => {
  it('matches a concrete path to its template, ignoring the query string', () => {
    expect(findOperation('GET', '/rest/api/3/issue/SHOP-1/properties/firebreak-report?x=1')?.operation).toBe(
      'GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}',
    );
  });

  it('prefers the literal template when a parameter would match too', () => {
    expect(findOperation('POST', '/rest/api/3/issue/bulkfetch')?.operation).toBe('POST /rest/api/3/issue/bulkfetch');
    expect(findOperation('GET', '/rest/agile/1.0/board/42')?.operation).toBe('GET /rest/agile/1.0/board/{boardId}');
  });

  it('tells methods apart', () => {
    expect(findOperation('PUT', '/rest/api/3/issue/SHOP-1')?.operation).toBe('PUT /rest/api/3/issue/{issueIdOrKey}');
    expect(findOperation('PATCH', '/rest/api/3/issue/SHOP-1')).toBeUndefined();
  });

  it('lets an unresolved placeholder segment match only a parameter', () => {
    expect(findOperation('GET', '/rest/agile/1.0/board/{}/configuration')?.operation).toBe('GET /rest/agile/1.0/board/{boardId}/configuration');
    expect(findOperation('POST', '/rest/api/3/issue/{}')).toBeUndefined();
  });

  it('knows nothing of a path outside the table', () => {
    expect(findOperation('GET', '/rest/api/3/no-such-thing')).toBeUndefined();
  });
});

describe('requiredScopesOf', () => {
  it('puts the classic set in current and the granular set in beta', () => {
    expect(requiredScopesOf({ classic: ['read:jira-work'], granular: ['read:issue:jira'] })).toEqual({ current: ['read:jira-work'], beta: ['read:issue:jira'] });
  });

  it('makes the granular set current when there is no classic set, so it is not granted to everyone', () => {
    expect(requiredScopesOf({ granular: ['read:board-scope:jira-software', 'read:project:jira'] })).toEqual({ current: ['read:board-scope:jira-software', 'read:project:jira'] });
    expect(requiredScopesOf({ classic: [], granular: ['read:permission:jira'] })).toEqual({ current: ['read:permission:jira'] });
  });

  it('needs nothing when the table lists both sets empty, and is undefined without scope data', () => {
    expect(requiredScopesOf({ classic: [], granular: [] })).toEqual({ current: [] });
    expect(requiredScopesOf({})).toBeUndefined();
    expect(requiredScopesOf({ deprecated: true })).toBeUndefined();
  });
});

describe('checkScopes (Atlassian rule: one whole scope set)', () => {
  it('grants a classic operation with its classic scope', async () => {
    expect(await checkScopes('GET', '/rest/api/3/issue/SHOP-1', CLASSIC_ONLY)).toEqual({ kind: 'granted', operation: 'GET /rest/api/3/issue/{issueIdOrKey}' });
  });

  it('grants it with the whole granular set instead', async () => {
    const granular = ['read:issue-details:jira', 'read:field.default-value:jira', 'read:field.option:jira', 'read:field:jira', 'read:group:jira'];
    expect((await checkScopes('POST', '/rest/api/3/search/jql', granular)).kind).toBe('granted');
  });

  it('refuses half a granular set', async () => {
    const verdict = await checkScopes('POST', '/rest/api/3/search/jql', ['storage:app', 'read:issue-details:jira']);
    expect(verdict).toMatchObject({ kind: 'missing', operation: 'POST /rest/api/3/search/jql', missing: ['read:jira-work'] });
  });

  it('refuses a write with read scopes only', async () => {
    expect(await checkScopes('PUT', '/rest/api/3/issue/SHOP-1/properties/x', ['read:jira-work'])).toMatchObject({ kind: 'missing', missing: ['write:jira-work'] });
  });

  it('does not let any one classic scope stand in for another', async () => {
    expect(await checkScopes('GET', '/rest/api/3/user/bulk?accountId=1', ['read:jira-work', 'write:jira-work'])).toMatchObject({
      kind: 'missing',
      missing: ['read:jira-user'],
    });
  });

  it('refuses an Agile board list without read:project:jira, as Jira does', async () => {
    const boardScopes = ['read:board-scope:jira-software', 'read:sprint:jira-software', 'read:board-scope.admin:jira-software'];
    expect(await checkScopes('GET', '/rest/agile/1.0/board?startAt=0', [...CLASSIC_ONLY, ...boardScopes])).toMatchObject({
      kind: 'missing',
      operation: 'GET /rest/agile/1.0/board',
      missing: ['read:project:jira'],
    });
    expect((await checkScopes('GET', '/rest/agile/1.0/board', [...boardScopes, 'read:project:jira'])).kind).toBe('granted');
  });

  it('refuses everything when the manifest declares no scope', async () => {
    expect(await checkScopes('GET', '/rest/api/3/issue/SHOP-1', [])).toMatchObject({ kind: 'missing', missing: ['read:jira-work'] });
  });

  it('calls an operation outside the table unknown rather than letting it pass', async () => {
    expect(await checkScopes('GET', '/rest/api/3/no-such-thing?x=1', CLASSIC_ONLY)).toEqual({ kind: 'unknown', request: 'GET /rest/api/3/no-such-thing' });
  });
});

describe('scopeRefusal', () => {
  it("answers a missing scope with Forge's 401, body and failure category, naming the scopes only in a sandbox header", async () => {
    const verdict = await checkScopes('GET', '/rest/agile/1.0/board', ['read:board-scope:jira-software']);
    if (verdict.kind === 'granted') throw new Error('expected a refusal');
    const refusal = scopeRefusal(verdict);
    expect(refusal.status).toBe(401);
    expect(JSON.parse(refusal.body)).toEqual(SCOPE_MISMATCH_BODY);
    expect(refusal.headers).toMatchObject({ 'content-type': 'application/json', 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' });
    expect(refusal.headers['x-sandbox-scope-check']).toContain('read:project:jira');
  });

  it('names an unknown operation and the table to add it to', () => {
    const refusal = scopeRefusal({ kind: 'unknown', request: 'GET /rest/api/3/no-such-thing' });
    expect(refusal.status).toBe(401);
    expect((JSON.parse(refusal.body) as { message: string }).message).toMatch(/GET \/rest\/api\/3\/no-such-thing.*sandbox\/forge\/data\/jira-rest-scopes\.json/);
  });
});
