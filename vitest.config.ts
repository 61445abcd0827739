import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contractDir = fileURLToPath(new URL('./src/contract', import.meta.url));

/**
 * One config, four projects, so `npm test` can report them separately:
 * - unit: pure domain rules, small modules, sandbox internals (no server, no browser)
 * - integration: the app's real handlers through the sandbox runtime (authz matrix and fidelity included)
 * - manifest: Atlassian's own validators over manifest.yml
 * - e2e: a real headless Chromium against the sandbox server
 * - latency: the reporter, triage, policy and capacity integration suites again, with Jira answering
 *   in 100–300 ms as a real site does and Forge storage in 20–80 ms (what `npm start` plays,
 *   sandbox/forge/kvs/kvs-latency.ts): races, timeouts and half-done work only show with latency
 */
export default defineConfig({
  resolve: { alias: { '@contract': contractDir } },
  test: {
    env: { TZ: 'UTC' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'sandbox/**/*.test.ts', 'static/src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/authz/**/*.test.ts', 'test/fidelity/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'latency',
          include: [
            'test/integration/production-report.integration.test.ts',
            'test/integration/severity-policy.integration.test.ts',
            'test/integration/capacity.integration.test.ts',
            'test/integration/scale-change.integration.test.ts',
          ],
          env: { SANDBOX_JIRA_LATENCY_MS: '100-300', SANDBOX_KVS_LATENCY_MS: '20-80' },
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'manifest', include: ['test/manifest/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A loaded CI machine can take seconds to repaint a frame; polls wait for what a person would.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
