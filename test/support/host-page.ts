import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

import { Sandbox, type SandboxOptions } from '../../sandbox/sandbox';
import { startSandboxServer, type RunningServer } from '../../sandbox/server/server';
import { launchBrowser } from './browser';

export const REPORT_FRAME = 'iframe[data-module-key="production-report-panel"]';
export const READY_FRAME = 'iframe[data-module-key="definition-of-ready-panel"]';

/** A person at a browser: one context (cookies = their Jira session), console errors collected. */
export class Person {
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly server: RunningServer,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  static async open(browser: Browser, server: RunningServer, accountId: string): Promise<Person> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const person = new Person(await context.newPage(), server);
    await person.signInAs(accountId);
    return person;
  }

  /** Signed in as `accountId`, on `path` of the sandbox's site: how most journeys start. */
  static async at(world: Pick<BrowserSandbox, 'browser' | 'server'>, accountId: string, path: string): Promise<Person> {
    const person = await Person.open(world.browser, world.server, accountId);
    await person.goto(path);
    return person;
  }

  /** The end of a person's part in a journey: nothing went wrong in their browser, and it closes. */
  async finish(): Promise<void> {
    expect(this.errors).toEqual([]);
    await this.close();
  }

  /** The sandbox's user switcher, through its control API. */
  async signInAs(accountId: string): Promise<void> {
    const answer = await this.page.request.post(`${this.server.url}/__control/session`, { data: { accountId } });
    if (!answer.ok()) throw new Error(`Could not sign in as ${accountId}`);
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(`${this.server.url}${path}`);
  }

  get reportPanel(): FrameLocator {
    return this.page.frameLocator(REPORT_FRAME);
  }

  get readyPanel(): FrameLocator {
    return this.page.frameLocator(READY_FRAME);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

export interface BrowserSandbox {
  readonly sandbox: Sandbox;
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Registers the hooks for one browser-journey file: a sandbox loaded with the scenario, its HTTP
 * server on a free port, and a headless Chromium. The returned object is filled in by `beforeAll`.
 */
export const useBrowserSandbox = (scenario: SandboxOptions['scenario']): BrowserSandbox => {
  const world = {} as { sandbox: Sandbox; server: RunningServer; browser: Browser };
  beforeAll(async () => {
    world.sandbox = await Sandbox.create(scenario === undefined ? {} : { scenario });
    world.server = await startSandboxServer(world.sandbox, 0);
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser.close();
    await world.server.close();
  });
  return world;
};
