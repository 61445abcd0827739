/// <reference lib="dom" />
/**
 * Journey: what Forge's platform does around a Custom UI frame, played in a real Chromium. A frame's
 * own `requestJira` is held to the app's scopes like a function's; a user who has not allowed the app
 * to act for them sees "Allow access" instead of the panels, and the panels work once they allow it;
 * when the router's Preview navigation to a module fails, the app still gets the person there.
 */
import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { Person, REPORT_FRAME, useBrowserSandbox } from '../support/host-page';
import { invokeResolver } from '../support/invoke-resolver';
import { people } from '../support/people';

const TRIAGER = people.devon;
/** Starts the demo without having allowed Firebreak access (scenario `allowedAppAccess: false`). */
const LIAM = people.liam;

const world = useBrowserSandbox('demo');

const frameOf = async (person: Person, selector: string): Promise<Frame> => {
  const frame = await (await person.page.waitForSelector(selector)).contentFrame();
  if (frame === null) throw new Error(`${selector} has no frame`);
  await frame.waitForFunction(() => '__bridge' in window);
  return frame;
};

interface BridgeFetchAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * `requestJira` from a frame, through the seam `@forge/bridge` 7.2.0 uses (fetch/fetch.js): a
 * `fetchProduct` bridge call with the path and a serialised RequestInit.
 */
const requestJiraFromFrame = (frame: Frame, restPath: string, method: string, body?: unknown): Promise<BridgeFetchAnswer> =>
  frame.evaluate(
    async ({ restPath, method, body }) => {
      const bridge = (window as unknown as { __bridge: { callBridge: (name: string, payload: unknown) => Promise<BridgeFetchAnswer> } }).__bridge;
      return bridge.callBridge('fetchProduct', {
        product: 'jira',
        restPath,
        fetchRequestInit: { method, body: body === undefined ? null : JSON.stringify(body), headers: [['content-type', 'application/json'], ['X-Atlassian-Token', 'no-check']] },
        isMultipartFormData: false,
      });
    },
    { restPath, method, body },
  );

describe('requestJira from a Custom UI frame', () => {
  it('reaches Jira as the signed-in user for an operation the manifest covers', async () => {
    const devon = await Person.at(world, TRIAGER, '/browse/SHOP-1');
    const answer = await requestJiraFromFrame(await frameOf(devon, REPORT_FRAME), '/rest/api/3/issue/SHOP-1?fields=summary', 'GET');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ key: 'SHOP-1' });
    await devon.close();
  });

  it('is refused with Forge’s scope answer when the manifest lacks the operation’s scopes, and Jira is never asked', async () => {
    const devon = await Person.at(world, TRIAGER, '/browse/SHOP-1');
    // Editing a project needs manage:jira-project (or its granular set), which Firebreak does not declare.
    const answer = await requestJiraFromFrame(await frameOf(devon, REPORT_FRAME), '/rest/api/3/project/SHOP', 'PUT', { description: 'changed from a frame' });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    expect(answer.headers['x-failure-category']).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(Object.keys(world.sandbox.jira.metering.snapshot().byOperation).filter((operation) => operation.startsWith('PUT /rest/api/3/project'))).toEqual([]);
    await devon.close();
  });
});

describe('a user who has not yet allowed Firebreak access', () => {
  it('is asked to "Allow access" in place of the panels, and after accepting the panels work', async () => {
    const liam = await Person.at(world, LIAM, '/browse/SHOP-1');

    const prompts = liam.page.getByRole('region', { name: 'Allow access' });
    await expect.poll(() => prompts.count()).toBe(2);
    await expect.poll(() => liam.page.locator(REPORT_FRAME).isHidden()).toBe(true);
    expect(world.sandbox.runtime.hasAllowedAccess(LIAM)).toBe(false);

    await prompts.first().getByRole('button', { name: 'Allow access' }).click();
    const consentScreen = liam.page.getByRole('dialog', { name: /Firebreak is requesting access/ });
    await consentScreen.getByText('read:jira-work', { exact: true }).waitFor();
    await consentScreen.getByRole('button', { name: 'Accept' }).click();

    await expect.poll(() => prompts.count()).toBe(0);
    await liam.reportPanel.getByRole('button', { name: /edit report|add steps/i }).first().waitFor();
    await liam.readyPanel.getByText(/ready/i).first().waitFor();
    expect(world.sandbox.runtime.hasAllowedAccess(LIAM)).toBe(true);
    expect(liam.errors.filter((error) => !/Authentication Required/.test(error))).toEqual([]);
    await liam.close();
  });
});

describe('router.navigate to a module (Preview)', () => {
  it('falls back to the page URL when Jira refuses the module location: "Open postmortem" still opens it', async () => {
    const started = await invokeResolver(world.sandbox, TRIAGER, 'postmortem/start', { issueKey: 'SHOP-2' });
    if (!started.ok) throw new Error(started.error.message);
    const { id } = (started.data as { postmortem: { id: string } }).postmortem;
    const devon = await Person.open(world.browser, world.server, TRIAGER);
    const refuse = await devon.page.request.post(`${world.server.url}/__control/router`, { data: { refuseModuleNavigation: true } });
    expect(refuse.ok()).toBe(true);
    try {
      await devon.goto('/browse/SHOP-2');
      await devon.reportPanel.getByRole('button', { name: 'Open postmortem' }).click();
      await devon.page.waitForURL(new RegExp(`/jira/software/projects/SHOP/apps/[^/]+/sandbox-environment/postmortem/${id}$`));
      await devon.page.frameLocator('iframe[data-module-key="postmortems"]').getByRole('heading', { level: 1, name: /Postmortem:/ }).waitFor();
    } finally {
      await devon.page.request.post(`${world.server.url}/__control/router`, { data: { refuseModuleNavigation: false } });
      await devon.close();
    }
  });
});
