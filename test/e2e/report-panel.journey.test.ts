/// <reference lib="dom" />
/**
 * Journey: a developer opens an issue in the sandbox's Jira, fills the Production report panel and
 * saves; the no-access user is refused. A real Chromium drives the real static build through the
 * sandbox's bridge; assertions check what Jira stored, not only what the page shows.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { APP_ROOT, Sandbox } from '../../sandbox/sandbox';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';
import { pickActors, type Actors } from '../support/actors';
import { launchBrowser } from '../support/browser';
import { appReport } from '../support/app-storage';

let sandbox: Sandbox;
let server: RunningServer;
let browser: Browser;
let cast: Actors;

beforeAll(async () => {
  sandbox = await Sandbox.create({ scenario: 'demo' });
  server = await startSandboxServer(sandbox, 0);
  browser = await launchBrowser();
  cast = pickActors(sandbox.scenario);
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

const openIssueAs = async (accountId: string, issueKey: string): Promise<{ page: Page; panel: FrameLocator; errors: string[] }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const signIn = await page.request.post(`${server.url}/__control/session`, { data: { accountId } });
  expect(signIn.ok()).toBe(true);
  await page.goto(`${server.url}/browse/${issueKey}`);
  return { page, panel: page.frameLocator('iframe[data-module-key="production-report-panel"]'), errors };
};

describe('Production report panel', () => {
  it('lets an editor write the steps to reproduce and stores them on the issue', async () => {
    const { page, panel, errors } = await openIssueAs(cast.editor, cast.issueKey);

    await panel.getByRole('button', { name: /edit report|add steps/i }).first().click();
    await panel.getByLabel('Steps to reproduce').fill('1. Log in as buyer@acme.test\n2. Add a gift card\n3. Click "Pay now": spinner forever');
    await panel.getByRole('button', { name: 'Save report' }).click();

    await expect.poll(() => appReport(sandbox, cast.issueKey)).toMatchObject({
      revision: 1,
      fields: { stepsToReproduce: '1. Log in as buyer@acme.test\n2. Add a gift card\n3. Click "Pay now": spinner forever' },
      updatedBy: cast.editor,
    });
    await panel.getByText('Click "Pay now": spinner forever', { exact: false }).waitFor();
    await expect.poll(() => page.locator('.flag').count()).toBeGreaterThan(0);
    await mkdir(join(APP_ROOT, 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'issue-view-report-panel.png') });
    expect(errors.filter((text) => !text.includes('favicon'))).toEqual([]);
    await page.context().close();
  });

  it('follows the host into dark mode', async () => {
    const { page, panel } = await openIssueAs(cast.editor, cast.issueKey);
    await panel.getByText(/steps to reproduce/i).first().waitFor();

    await page.getByRole('button', { name: 'Toggle dark mode' }).click();

    await expect.poll(() => panel.locator('html').getAttribute('data-color-mode')).toBe('dark');
    const background = await panel.locator('body').evaluate((body) => getComputedStyle(body).color);
    expect(background).not.toBe('rgb(23, 43, 77)');
    await page.screenshot({ path: join(APP_ROOT, 'docs', 'screenshots', 'issue-view-report-panel-dark.png') });
    await page.context().close();
  });

  it('refuses the user without access to the project, clearly', async () => {
    const { page } = await openIssueAs(cast.outsider, cast.issueKey);

    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/can't view this issue/i);
    await page.context().close();
  });

  it('tells a browse-only user why they cannot edit', async () => {
    // The minimal scenario has a browse-only user; the demo's cast all edit or have no access.
    await sandbox.load('minimal');
    const minimal = pickActors(sandbox.scenario);
    if (minimal.viewer === undefined) throw new Error('The minimal scenario needs a browse-only user.');
    const { page, panel } = await openIssueAs(minimal.viewer, minimal.issueKey);

    await panel.getByText(/can view this report but not edit it/i).waitFor();
    expect(await panel.getByRole('button', { name: /edit report/i }).count()).toBe(0);
    await page.context().close();
  });
});
