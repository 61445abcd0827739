/** The sandbox's outbox (part: updates, issue 16): the control endpoint and the page list Jira's queued emails, newest first, by name. */
import { describe, expect, it } from 'vitest';

import { Sandbox } from '../sandbox';
import { handleControl, outbox } from './control.routes';
import { renderOutbox } from './host-pages';

describe('the outbox', () => {
  it('lists queued emails newest first with names, on the control API and the page (escaped)', async () => {
    const sandbox = await Sandbox.create({ scenario: 'minimal' });
    for (const subject of ['First', '<b>Second</b>']) {
      await sandbox.jira.handle({ kind: 'user', accountId: 'acc-devon-oncall' }, { method: 'POST', path: '/rest/api/3/issue/SHOP-2/notify', body: JSON.stringify({ subject, textBody: 'Body', to: { reporter: true } }) });
    }
    const answer = await handleControl(sandbox, 'GET', '/__control/outbox', undefined);
    expect(answer.body).toEqual([expect.objectContaining({ subject: '<b>Second</b>', fromName: 'Devon Park', toNames: ['Rita Reyes'] }), expect.objectContaining({ subject: 'First' })]);

    const page = renderOutbox({ sandbox, accountId: 'acc-devon-oncall', colorMode: 'light' }, outbox(sandbox));
    expect(page).toContain('&lt;b&gt;Second&lt;/b&gt;');
    expect(page.indexOf('Second')).toBeLessThan(page.indexOf('First'));

    expect((await handleControl(sandbox, 'POST', '/__control/outgoing-email', JSON.stringify({ enabled: false }))).status).toBe(200);
    const refused = await sandbox.jira.handle({ kind: 'app' }, { method: 'POST', path: '/rest/api/3/issue/SHOP-2/notify', body: JSON.stringify({ to: { reporter: true } }) });
    expect(refused.status).toBe(403);
  });
});
