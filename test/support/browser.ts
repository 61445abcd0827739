import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';

/**
 * A real headless Chromium for browser tests. `@sparticuz/chromium` ships the browser inside its npm
 * package (no download at install time), which is what these offline machines allow. The extra
 * flags stop Chromium's background services from dialling out on a closed network.
 */
export const launchBrowser = async (): Promise<Browser> =>
  playwright.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? (await chromium.executablePath()),
    headless: true,
    args: [
      ...chromium.args.filter((arg) => !arg.startsWith('--single-process')),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
