import { readFile } from 'node:fs/promises';

import { parse } from 'yaml';
import { z } from 'zod';

/** The parts of manifest.yml the runtime emulator reads. Atlassian's validator checks the rest (test/manifest). */
const moduleSchema = z.object({ key: z.string() }).loose();
const manifestSchema = z.object({
  modules: z.record(z.string(), z.array(moduleSchema)),
  resources: z.array(z.object({ key: z.string(), path: z.string() })).default([]),
  permissions: z.object({ scopes: z.array(z.string()).default([]) }).loose().default({ scopes: [] }),
  app: z
    .object({
      id: z.string(),
      storage: z.object({ entities: z.array(z.unknown()).default([]) }).loose().optional(),
    })
    .loose(),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestModule = z.infer<typeof moduleSchema> & { readonly type: string };

export const readManifest = async (path: string): Promise<AppManifest> => {
  const raw: unknown = parse(await readFile(path, 'utf8'));
  return new AppManifest(manifestSchema.parse(raw));
};

export class AppManifest {
  constructor(readonly raw: Manifest) {}

  get scopes(): readonly string[] {
    return this.raw.permissions.scopes;
  }

  /** Every UI/trigger module with its type (`jira:issuePanel`, `trigger`, …), functions excluded. */
  modules(): ManifestModule[] {
    return Object.entries(this.raw.modules)
      .filter(([type]) => type !== 'function' && type !== 'consumer')
      .flatMap(([type, list]) => list.map((module) => ({ ...module, type })));
  }

  /** What Jira shows for a module: its title (string or `{ text }`), else its name, else its key. */
  titleOf(module: ManifestModule): string {
    const title: unknown = module['title'] ?? module['name'];
    if (typeof title === 'string') return title;
    if (title !== null && typeof title === 'object' && typeof (title as { text?: unknown }).text === 'string') return (title as { text: string }).text;
    return module.key;
  }

  module(key: string): ManifestModule | undefined {
    return this.modules().find((module) => module.key === key);
  }

  modulesOfType(type: string): ManifestModule[] {
    return this.modules().filter((module) => module.type === type);
  }

  /** `index.handler` → { file: 'index', exportName: 'handler' } for a function key. */
  functionHandler(functionKey: string): { file: string; exportName: string } {
    const fn = (this.raw.modules['function'] ?? []).find((candidate) => candidate.key === functionKey);
    const handler = fn?.['handler'];
    if (typeof handler !== 'string') throw new Error(`manifest.yml has no function "${functionKey}".`);
    const dot = handler.lastIndexOf('.');
    return { file: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
  }

  /** The function key behind a UI module's `resolver: { function }`. */
  resolverFunctionOf(moduleKey: string): string | undefined {
    const resolver = this.module(moduleKey)?.['resolver'];
    const parsed = z.object({ function: z.string() }).safeParse(resolver);
    return parsed.success ? parsed.data.function : undefined;
  }

  /**
   * Where Jira offers a workflow rule module: its `projectTypes`, by default company-managed
   * projects only (the default @forge/manifest's schema gives the property).
   * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/
   */
  projectTypesOf(module: ManifestModule): ReadonlyArray<'company-managed' | 'team-managed'> {
    const parsed = z.array(z.enum(['company-managed', 'team-managed'])).safeParse(module['projectTypes']);
    return parsed.success ? parsed.data : ['company-managed'];
  }

  resourcePath(resourceKey: string): string | undefined {
    return this.raw.resources.find((resource) => resource.key === resourceKey)?.path;
  }
}
