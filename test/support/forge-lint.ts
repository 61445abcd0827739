import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { getClientSideLintersOnly, lint, parseSourceFile, PermissionLinter } from '@forge/lint';
import { parse as parseYaml } from 'yaml';

/**
 * `forge lint` (client-side mode) run fully offline, the way `forge deploy` runs it before upload.
 *
 * Why each piece is needed (read from @forge/lint 6.3.1 `out/lint/lint.js`):
 * - `PermissionLinter` is dropped: its `bootstrap()` downloads the product swagger files from
 *   developer.atlassian.com. It is the only client-side linter that touches the network.
 * - The Statsig service is stubbed: the manifest linters only ask it for `getDeprecatedRuntimes()`.
 *   Any other call throws, so a newer @forge/lint that needs more fails loudly instead of silently.
 * - The manifest linters read `./manifest.yml` and the TS file filter reads `./tsconfig.json`, both
 *   from the current directory, so the run happens with `cwd = rootDir`. `process.chdir` is
 *   unavailable in worker threads; vitest's default `forks` pool allows it.
 * - TS files are parsed only when a `tsconfig.json` `include` glob expands to that very file
 *   (a bare directory such as `"src"` expands to the directory, not its files). Those silently
 *   skipped files are returned in `skippedFiles` so a vacuous "no errors" can be caught.
 */

type ForgeManifest = Parameters<typeof lint>[1];
type StatsigService = Parameters<typeof lint>[4];
type LintResults = Awaited<ReturnType<typeof lint>>;

export interface ForgeLintProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly reference: string;
}

export interface ForgeLintReport {
  readonly errors: ForgeLintProblem[];
  readonly warnings: ForgeLintProblem[];
  /** Source files (relative to rootDir) handed to the lint run. */
  readonly files: string[];
  /** Of `files`, those the linters actually parsed. */
  readonly parsedFiles: string[];
  /** Of `files`, the TS files @forge/lint skipped because tsconfig `include` did not list them. */
  readonly skippedFiles: string[];
  /** Everything the linters logged, kept out of the test output. */
  readonly log: string[];
}

export interface ForgeLintOptions {
  /** Folder of backend sources, as `forge deploy` bundles them. Default `src`. */
  readonly sourceDir?: string;
  /** Runtimes the stubbed Statsig reports as deprecated. `nodejs20.x` deploys are blocked since May 2026. */
  readonly deprecatedRuntimes?: readonly string[];
  /** Forge environment name the linters are told about. */
  readonly environment?: string;
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;

export async function lintForgeAppOffline(rootDir: string, options: ForgeLintOptions = {}): Promise<ForgeLintReport> {
  const { sourceDir = 'src', deprecatedRuntimes = ['nodejs20.x'], environment = 'development' } = options;
  const absoluteRoot = path.resolve(rootDir);
  const manifest = parseYaml(await readFile(path.join(absoluteRoot, 'manifest.yml'), 'utf8')) as ForgeManifest;
  const files = await listSourceFiles(absoluteRoot, sourceDir);

  const log: string[] = [];
  const logger = { info: (message: string): void => void log.push(message) };
  const statsig = createStatsigStub(deprecatedRuntimes);
  const parsed = new Set<string>();

  const previousCwd = process.cwd();
  process.chdir(absoluteRoot);
  let results: LintResults;
  try {
    const linters = (await getClientSideLintersOnly(manifest, environment, logger, statsig)).filter(
      (linter) => !(linter instanceof PermissionLinter),
    );
    results = await lint(files, manifest, environment, logger, statsig, {
      linter: { mode: 'client-side' },
      linters,
      parseFunction: async (filepath, parser, readFilePromise) => {
        parsed.add(filepath);
        return parseSourceFile(filepath, parser, readFilePromise);
      },
    });
  } finally {
    process.chdir(previousCwd);
  }

  const toProblems = (file: string, rules: LintResults[number]['errors']): ForgeLintProblem[] =>
    rules.map(({ line, column, message, reference }) => ({
      file: path.relative(absoluteRoot, path.resolve(absoluteRoot, file)),
      line,
      column,
      message,
      reference,
    }));

  return {
    errors: results.flatMap((result) => toProblems(result.file, result.errors)),
    warnings: results.flatMap((result) => toProblems(result.file, result.warnings)),
    files,
    parsedFiles: files.filter((file) => parsed.has(file)),
    skippedFiles: files.filter((file) => !parsed.has(file) && /\.[cm]?tsx?$/.test(file)),
    log,
  };
}

/** Formats problems one per line (`file:line:column message (reference)`) for assertion messages. */
export function formatForgeLintProblems(problems: readonly ForgeLintProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} (${p.reference})`).join('\n');
}

async function listSourceFiles(absoluteRoot: string, sourceDir: string): Promise<string[]> {
  const entries = await readdir(path.join(absoluteRoot, sourceDir), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(absoluteRoot, path.join(entry.parentPath, entry.name)))
    .sort();
}

function createStatsigStub(deprecatedRuntimes: readonly string[]): StatsigService {
  const implemented = { getDeprecatedRuntimes: () => Promise.resolve([...deprecatedRuntimes]) };
  return new Proxy(implemented, {
    get(target, property, receiver) {
      if (Reflect.has(target, property) || typeof property === 'symbol' || property === 'then') {
        return Reflect.get(target, property, receiver) as unknown;
      }
      return () => {
        throw new Error(`Offline Statsig stub: @forge/lint called ${property}(), which the stub does not implement`);
      };
    },
  }) as unknown as StatsigService;
}
