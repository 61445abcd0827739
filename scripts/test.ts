/**
 * `npm test`: every check the project has, in the order a failure is cheapest to read, ending with
 * one line `N passed, N failed` (CI reads it). Checks that are not vitest tests (typecheck, lint,
 * build) count as one test each. With CI=true nothing may be skipped.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface StepResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

const run = (command: string, args: readonly string[]): Promise<number> =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: process.env });
    child.on('close', (code) => {
      resolve(code ?? 1);
    });
  });

const bin = (name: string): string => join(process.cwd(), 'node_modules', '.bin', name);

const step = async (name: string, command: string, args: readonly string[]): Promise<StepResult> => {
  console.log(`\n▶ ${name}: ${[command.split('/').pop(), ...args].join(' ')}`);
  const code = await run(command, args);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 };
};

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  success: boolean;
}

const vitest = async (): Promise<StepResult> => {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-vitest-'));
  const output = join(dir, 'results.json');
  console.log('\n▶ vitest: unit, integration, manifest and e2e projects');
  const code = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${output}`]);
  try {
    const report = JSON.parse(await readFile(output, 'utf8')) as VitestJson;
    // A suite that fails to load has no tests to count; count it as a failure so it cannot hide.
    const failed = report.numFailedTests + (report.numFailedTests === 0 && report.numFailedTestSuites > 0 ? report.numFailedTestSuites : 0);
    return { name: 'vitest', passed: report.numPassedTests, failed: failed + (code !== 0 && failed === 0 ? 1 : 0), skipped: report.numPendingTests + report.numTodoTests };
  } catch {
    return { name: 'vitest', passed: 0, failed: 1, skipped: 0 };
  }
};

const results: StepResult[] = [];
results.push(await step('typecheck (backend, sandbox, tests)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
results.push(await step('typecheck (static UI)', bin('tsc'), ['-p', 'static/tsconfig.json', '--noEmit']));
results.push(await step('lint', bin('eslint'), ['--max-warnings', '0', '.']));
results.push(await step('build (Custom UI resources)', bin('vite'), ['build', '--config', 'static/vite.config.ts', '--logLevel', 'warn']));
results.push(await vitest());

const total = results.reduce((sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed, skipped: sum.skipped + result.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});

console.log('\nSummary');
for (const result of results) console.log(`  ${result.failed === 0 ? '✓' : '✗'} ${result.name}: ${result.passed} passed, ${result.failed} failed${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}`);
if (process.env['CI'] === 'true' && total.skipped > 0) {
  console.log(`  ✗ CI=true but ${total.skipped} test(s) were skipped`);
  total.failed += 1;
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
process.exitCode = total.failed === 0 ? 0 : 1;
