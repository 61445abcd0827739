import { describe, expect, it } from 'vitest';

import { missingScopeFor } from './scopes';

describe('missingScopeFor', () => {
  it('lets a read through with read:jira-work', () => {
    expect(missingScopeFor('GET', '/rest/api/3/issue/SHOP-1/properties/x', ['read:jira-work'])).toBeUndefined();
  });

  it('refuses a write without write:jira-work', () => {
    expect(missingScopeFor('PUT', '/rest/api/3/issue/SHOP-1/properties/x', ['read:jira-work'])).toBe('write:jira-work');
  });

  it('treats search by POST as a read', () => {
    expect(missingScopeFor('POST', '/rest/api/3/search/jql', ['read:jira-work'])).toBeUndefined();
  });

  it('asks for a user scope for user lookups', () => {
    expect(missingScopeFor('GET', '/rest/api/3/user?accountId=1', ['read:jira-work'])).toBe('read:jira-user');
  });
});
