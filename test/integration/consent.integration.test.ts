/**
 * Forge's user consent at the runtime seam: a user who has not allowed Firebreak to act for them
 * gets Forge's NEEDS_AUTHENTICATION_ERR from `@forge/api` on their first `asUser()` request, and the
 * app lets it through to the platform (which then shows "Allow access") instead of turning it into
 * a generic failure. Liam (`acc-liam-dev`) starts the demo scenario without consent.
 */
import { asApp, asUser, route } from '@forge/api';
import { beforeEach, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { handleControl } from '../../sandbox/server/control.routes';
import { worldFingerprint } from '../support/sandbox-harness';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const LIAM = people.liam;
const DEVON = people.devon;
const ISSUE = 'SHOP-1';

let sandbox: Sandbox;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
});

const consent = (accountId: string, allowed: boolean) => handleControl(sandbox, 'POST', '/__control/consent', JSON.stringify({ accountId, allowed }));

describe('a user who has not allowed access', () => {
  it("makes @forge/api throw Forge's NEEDS_AUTHENTICATION_ERR for asUser(), and Jira is never asked", async () => {
    sandbox.jira.metering.reset();
    await expect(asUser(LIAM).requestJira(route`/rest/api/3/issue/${ISSUE}`)).rejects.toMatchObject({
      name: 'NEEDS_AUTHENTICATION_ERR',
      message: 'Authentication Required',
      status: 401,
    });
    expect(sandbox.jira.metering.snapshot().total.calls).toBe(0);
  });

  it('leaves asApp() and other users unaffected', async () => {
    expect((await asApp().requestJira(route`/rest/api/3/issue/${ISSUE}`)).status).toBe(200);
    expect((await asUser(DEVON).requestJira(route`/rest/api/3/issue/${ISSUE}`)).status).toBe(200);
  });

  it('gets the error out of a resolver as it is, so Forge can show "Allow access", with nothing changed', async () => {
    const before = worldFingerprint(sandbox);
    await expect(invokeResolver(sandbox, LIAM, 'report/get', { issueKey: ISSUE })).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
    await expect(invokeResolver(sandbox, LIAM, 'dor/checkItem', { issueKey: ISSUE, itemId: 'reproduced', checked: true, note: '', baseRevision: 0 })).rejects.toMatchObject({
      name: 'NEEDS_AUTHENTICATION_ERR',
    });
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('works once the user allows access, and asks again after access is revoked', async () => {
    expect((await consent(LIAM, true)).status).toBe(200);
    const allowed = await invokeResolver(sandbox, LIAM, 'report/get', { issueKey: ISSUE });
    expect(allowed).toMatchObject({ ok: true, data: { issueKey: ISSUE } });

    expect((await consent(LIAM, false)).status).toBe(200);
    await expect(invokeResolver(sandbox, LIAM, 'report/get', { issueKey: ISSUE })).rejects.toMatchObject({ name: 'NEEDS_AUTHENTICATION_ERR' });
  });

  it('is listed in the control API state, and the scenario says who starts without consent', async () => {
    const state = (await handleControl(sandbox, 'GET', '/__control/state', undefined)).body as { users: { accountId: string; allowedAppAccess: boolean }[] };
    expect(state.users.filter((user) => !user.allowedAppAccess).map((user) => user.accountId)).toEqual([LIAM]);
    await consent(LIAM, true);
    await sandbox.reset();
    expect(sandbox.runtime.hasAllowedAccess(LIAM)).toBe(false);
  });
});
