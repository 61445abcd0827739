/** disputes (issue 16 part 4): a user granted Browse projects without Add comments, as a permission scheme may. */
import { describe, expect, it } from 'vitest';

import { Sandbox } from '../sandbox';
import { jiraCall } from '../../test/support/jira-helpers';

describe('Browse projects without Add comments', () => {
  it('shows the issue, answers ADD_COMMENTS false in mypermissions, and refuses a comment', async () => {
    const sandbox = await Sandbox.create({ scenario: 'demo' });
    const scenario = sandbox.scenario;
    const base = scenario.users.find((user) => user.accountId === 'acc-rita-support');
    if (base === undefined) throw new Error('the demo has Rita');
    await sandbox.load({ ...scenario, users: [...scenario.users, { ...base, accountId: 'acc-vera-viewer', displayName: 'Vera Viewer', emailAddress: 'vera.viewer@example.com', siteAdmin: false, projectPermissions: { SHOP: ['browse', 'no-comments'] } }] });
    expect((await jiraCall(sandbox, 'acc-vera-viewer', 'GET', '/rest/api/3/issue/SHOP-121?fields=summary')).status).toBe(200);
    const mine = await jiraCall<{ permissions: Record<string, { havePermission: boolean }> }>(sandbox, 'acc-vera-viewer', 'GET', '/rest/api/3/mypermissions?issueKey=SHOP-121&permissions=BROWSE_PROJECTS,ADD_COMMENTS');
    expect(mine.body.permissions['BROWSE_PROJECTS']?.havePermission).toBe(true);
    expect(mine.body.permissions['ADD_COMMENTS']?.havePermission).toBe(false);
    const comment = await jiraCall(sandbox, 'acc-vera-viewer', 'POST', '/rest/api/3/issue/SHOP-121/comment', { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] } });
    expect(comment.status).toBe(403);
  });
});
