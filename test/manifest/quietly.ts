import { inspect } from 'node:util';

import { vi } from 'vitest';

/**
 * Runs `work` with the console captured: Atlassian's packages and the app's own modules log while
 * they load and validate, and that noise would bury the test report. What was captured is returned
 * so a failing assertion can still show it.
 */
export async function quietly<T>(work: () => Promise<T>): Promise<{ value: T; output: string[] }> {
  const output: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      output.push(`[${method}] ${args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ')}`);
    }),
  );
  try {
    return { value: await work(), output };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
