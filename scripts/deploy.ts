/**
 * `npm run deploy [environment]`: build the Custom UI, lint with the Forge CLI, deploy. Needs the
 * globally installed Forge CLI and `forge login`; never run by tests or CI.
 */
import { spawnSync } from 'node:child_process';

const environment = process.argv[2] ?? 'development';

const run = (command: string, args: readonly string[]): void => {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.error !== undefined) {
    console.error(`Could not run ${command}: ${result.error.message}. Install the Forge CLI with \`npm install -g @forge/cli\` and run \`forge login\`.`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npm', ['run', 'build']);
run('forge', ['lint']);
run('forge', ['deploy', '--non-interactive', '-e', environment]);
console.log(`Deployed to ${environment}. Install with: forge install -e ${environment} --site <your-site>.atlassian.net --product jira`);
