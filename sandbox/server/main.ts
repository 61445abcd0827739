import { Sandbox } from '../sandbox';
import { startSandboxServer } from './server';

/**
 * `npm start`: serves the sandbox Jira site on http://localhost:7700 (PORT to change it; SCENARIO to
 * load another scenario by name or path).
 */
const port = Number(process.env['PORT'] ?? 7700);
const sandbox = await Sandbox.create({ scenario: process.env['SCENARIO'] ?? 'demo', siteUrl: `http://localhost:${port}` });
const running = await startSandboxServer(sandbox, port, process.env['HOST'] ?? '127.0.0.1');
const firstIssue = sandbox.scenario.issues[0]?.key ?? 'SHOP-1';
console.log(`Firebreak sandbox: ${running.url.replace('127.0.0.1', 'localhost')}  (scenario "${sandbox.scenario.name}")`);
console.log(`  Open an issue with the Production report panel: ${running.url.replace('127.0.0.1', 'localhost')}/browse/${firstIssue}`);
console.log('  Stop with Ctrl+C.');
