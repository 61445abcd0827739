import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ProcessorBuilder, validate, ValidationTypes } from '@forge/manifest';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { formatForgeLintProblems, lintForgeAppOffline } from '../support/forge-lint';
import { quietly } from './quietly';

/**
 * manifest.yml checked by Atlassian's own validators (the ones `forge deploy` runs), plus the
 * contract between the manifest and the code it names. The last block proves the validators bite:
 * each defect is applied to a copy of the real manifest and must produce an error the unmodified
 * copy does not have.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const manifestPath = path.join(repoRoot, 'manifest.yml');
const isCi = process.env['CI'] === 'true';

/** Only the parts of the manifest these tests read; Atlassian's schema checks the rest. */
const manifestShape = z.object({
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string() }))),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
  permissions: z.looseObject({ scopes: z.array(z.string()).default([]) }).optional(),
  app: z.looseObject({ runtime: z.looseObject({ name: z.string() }).optional() }),
});
type Manifest = z.infer<typeof manifestShape>;
type RawManifest = Record<string, unknown> & { modules: Record<string, Record<string, unknown>[]> };
interface ManifestError {
  readonly message: string;
  readonly line?: number | undefined;
}

let manifestText: string;
let manifest: Manifest;

beforeAll(async () => {
  expect(existsSync(manifestPath), `manifest.yml is missing at ${manifestPath}`).toBe(true);
  manifestText = await readFile(manifestPath, 'utf8');
  manifest = manifestShape.parse(parse(manifestText));
});

const formatErrors = (errors: readonly ManifestError[]): string =>
  errors.map((error) => `  manifest.yml:${error.line ?? '?'} ${error.message}`).join('\n');

const functionHandlers = (): { key: string; handler: string }[] =>
  (manifest.modules['function'] ?? []).map((fn) => ({ key: fn.key, handler: String(fn['handler']) }));

/**
 * Resource folders are produced by `npm run build` (Vite writes into them) and are git-ignored, so a
 * fresh checkout has none. Outside CI that is tolerated: the resource assertions are skipped and the
 * validators' "missing resource" errors for exactly those paths are set aside. In CI it fails.
 */
const buildState = (): { buildDir: string; tolerated: boolean; missing: string[] } => {
  const paths = manifest.resources.map((resource) => resource.path);
  const buildDir = commonDirectory(paths);
  const missing = paths.filter((resourcePath) => !existsSync(path.join(repoRoot, resourcePath)));
  const tolerated = !isCi && buildDir !== '' && !existsSync(path.join(repoRoot, buildDir));
  return { buildDir, tolerated, missing };
};

const withoutUnbuiltResourceErrors = <E extends ManifestError>(errors: readonly E[]): E[] => {
  const { tolerated, missing } = buildState();
  if (!tolerated) return [...errors];
  return errors.filter((error) => !missing.some((p) => error.message.startsWith(`missing resource '${p}'`)));
};

describe('manifest.yml passes the validators forge deploy runs', () => {
  it('passes @forge/manifest full validation (schema, module rules, handler files, resources)', async () => {
    const { value: result, output } = await quietly(() => validate(false, manifestPath));
    const errors = withoutUnbuiltResourceErrors(result.errors ?? []);
    expect(errors, `@forge/manifest reported:\n${formatErrors(errors)}\n${output.join('\n')}`).toEqual([]);
  });

  it('grants every scope its product-event triggers need (PRODUCT_TRIGGER validation)', async () => {
    const processor = ProcessorBuilder.instance().withValidation(ValidationTypes.PRODUCT_TRIGGER).build();
    const { value: result } = await quietly(() => processor.process(manifestPath));
    const errors = result.errors ?? [];
    expect(errors, `trigger scope errors:\n${formatErrors(errors)}`).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('passes the client-side forge lint offline with no errors (warnings are printed)', async () => {
    const report = await lintForgeAppOffline(repoRoot);
    const errors = withoutUnbuiltResourceErrors(report.errors);
    if (report.warnings.length > 0) {
      console.info(`forge lint warnings:\n${formatForgeLintProblems(report.warnings)}`);
    }
    expect(errors, `forge lint errors:\n${formatForgeLintProblems(errors)}\n${report.log.join('\n')}`).toEqual([]);
    // The lint parses every backend file: minutes, not seconds, on a busy two-core machine.
  }, 300_000);

  it('lets forge lint read the backend TypeScript (tsconfig `include` must list files, not bare folders)', async () => {
    // @forge/lint parses a .ts file only if a tsconfig.json `include` glob expands to that file:
    // `"src"` expands to the folder itself, so every .ts file is skipped and the lint passes vacuously.
    const report = await lintForgeAppOffline(repoRoot);
    expect(
      report.skippedFiles,
      'forge lint skipped these files; use globs such as "src/**/*" in tsconfig.json `include`',
    ).toEqual([]);
    expect(report.parsedFiles).toContain(path.join('src', 'index.ts'));
  });
});

describe('manifest.yml and the code it names agree', () => {
  it('runs on the nodejs22.x runtime', () => {
    expect(manifest.app.runtime?.name).toBe('nodejs22.x');
  });

  it('names only handlers that src/index.ts exports, and src/index.ts exports nothing else', async () => {
    const handlers = functionHandlers();
    const outsideIndex = handlers.filter(({ handler }) => !handler.startsWith('index.'));
    expect(outsideIndex, 'every handler must be re-exported from src/index.ts (`index.<export>`)').toEqual([]);

    const { value: entry, output } = await quietly(
      async () => (await import(pathToFileURL(path.join(repoRoot, 'src/index.ts')).href)) as Record<string, unknown>,
    );
    const named = [...new Set(handlers.map(({ handler }) => handler.slice('index.'.length)))].sort();
    const exported = Object.keys(entry).sort();
    expect(exported, `src/index.ts exports vs manifest handlers\n${output.join('\n')}`).toEqual(named);
    for (const name of named) {
      expect(typeof entry[name], `src/index.ts export "${name}" must be a function`).toBe('function');
    }
  });

  it('points every resource at a path the build produced', (context) => {
    const { buildDir, tolerated, missing } = buildState();
    if (tolerated) {
      context.skip(
        `${buildDir}/ does not exist: run \`npm run build\` to check the resource paths ` +
          '(full validation and forge lint set aside their "missing resource" errors for the same reason; CI=true fails instead)',
      );
    }
    expect(missing, 'resource paths missing after `npm run build`').toEqual([]);
    const customUiWithoutPage = manifest.resources
      .map((resource) => path.join(repoRoot, resource.path))
      .filter((resourcePath) => statSync(resourcePath).isDirectory() && !existsSync(path.join(resourcePath, 'index.html')));
    expect(customUiWithoutPage, 'Custom UI resource folders need an index.html').toEqual([]);
  });
});

describe('the validators catch a deliberate defect in a copy of manifest.yml', () => {
  let scratch: string;
  let baseline: { full: ManifestError[]; trigger: ManifestError[]; lint: ManifestError[] };

  /** A temp app whose every entry links back to the repo, except manifest.yml, which is ours to break. */
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'firebreak-manifest-'));
    for (const entry of await readdir(repoRoot)) {
      if (entry === 'manifest.yml' || entry === '.git') continue;
      await symlink(path.join(repoRoot, entry), path.join(scratch, entry));
    }
    baseline = await validateCopy(() => undefined);
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  async function validateCopy(
    defect: (raw: RawManifest) => void,
  ): Promise<{ full: ManifestError[]; trigger: ManifestError[]; lint: ManifestError[] }> {
    const raw = parse(manifestText) as RawManifest;
    defect(raw);
    const copyPath = path.join(scratch, 'manifest.yml');
    await writeFile(copyPath, stringify(raw));
    const { value } = await quietly(async () => {
      const full = await validate(false, copyPath);
      const trigger = await ProcessorBuilder.instance()
        .withValidation(ValidationTypes.PRODUCT_TRIGGER)
        .build()
        .process(copyPath);
      const lint = await lintForgeAppOffline(scratch);
      return { full: full.errors ?? [], trigger: trigger.errors ?? [], lint: lint.errors };
    });
    return value;
  }

  const newErrors = (errors: readonly ManifestError[], known: readonly ManifestError[]): string[] =>
    errors.map((error) => error.message).filter((message) => !known.some((k) => k.message === message));

  const firstUiModule = (raw: RawManifest): Record<string, unknown> => {
    const module = Object.entries(raw.modules).find(([type]) => type !== 'function')?.[1][0];
    if (!module) throw new Error('manifest.yml has no UI module to break');
    return module;
  };
  const firstFunction = (raw: RawManifest): Record<string, unknown> => {
    const fn = raw.modules['function']?.[0];
    if (!fn) throw new Error('manifest.yml has no function module to break');
    return fn;
  };
  /** A trigger on issue events, bound to the first function, so the trigger checks have something to judge. */
  const addIssueTrigger = (raw: RawManifest): Record<string, unknown> => {
    const trigger = { key: 'defect-trigger', function: firstFunction(raw)['key'], events: ['avi:jira:updated:issue'] };
    raw.modules['trigger'] = [...(raw.modules['trigger'] ?? []), trigger];
    return trigger;
  };

  const schemaDefects: [string, (raw: RawManifest) => void, RegExp][] = [
    ['an unknown property on a function', (raw) => void (firstFunction(raw)['retries'] = 3), /retries/],
    ['a handler whose file does not exist', (raw) => void (firstFunction(raw)['handler'] = 'missing-file.handler'), /missing-file/],
    ['a module whose resolver names no declared function', (raw) => void (firstUiModule(raw)['resolver'] = { function: 'no-such-function' }), /no-such-function/],
    ['a misspelt module type', (raw) => void (raw.modules['jira:issuePanell'] = [{ ...firstUiModule(raw) , key: 'misspelt-panel' }]), /jira:issuePanell/],
    ['a runtime Forge does not offer', (raw) => void ((raw['app'] as { runtime: { name: string } }).runtime.name = 'nodejs18.x'), /nodejs18\.x|runtime/],
  ];

  it.each(schemaDefects)('full validation rejects %s', async (_name, defect, expected) => {
    const { full } = await validateCopy(defect);
    const added = newErrors(full, baseline.full);
    expect(added, `errors the defect added:\n${added.join('\n')}`).toContainEqual(expect.stringMatching(expected));
  });

  it('trigger validation rejects an issue-event trigger without read:jira-work', async () => {
    const { trigger } = await validateCopy((raw) => {
      addIssueTrigger(raw);
      const permissions = (raw['permissions'] ?? {}) as { scopes?: string[] };
      permissions.scopes = (permissions.scopes ?? []).filter((scope) => scope !== 'read:jira-work');
      raw['permissions'] = permissions;
    });
    expect(newErrors(trigger, baseline.trigger)).toContainEqual(expect.stringMatching(/requires 'read:jira-work'/));
  });

  it('forge lint rejects a long timeout on a function a product trigger uses (25 s limit)', async () => {
    const { lint } = await validateCopy((raw) => {
      addIssueTrigger(raw);
      firstFunction(raw)['timeoutSeconds'] = 60;
    });
    expect(newErrors(lint, baseline.lint)).toContainEqual(expect.stringMatching(/timeoutSeconds/));
  });
});

/** The deepest folder every path sits in (the path itself when there is one). */
function commonDirectory(paths: readonly string[]): string {
  const split = paths.map((p) => path.normalize(p).split(path.sep).filter(Boolean));
  const [first = [], ...rest] = split;
  const common: string[] = [];
  for (const [index, segment] of first.entries()) {
    if (!rest.every((segments) => segments[index] === segment)) break;
    common.push(segment);
  }
  return common.join('/');
}
