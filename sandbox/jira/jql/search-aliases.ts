import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { SearchAlias } from '../jira.services.js';

/** The app's manifest at the repo root (sandbox/jira/jql → ../../../manifest.yml). */
export const MANIFEST_PATH: string = fileURLToPath(new URL('../../../manifest.yml', import.meta.url));

const VALUE_TYPES = new Set(['number', 'string', 'text', 'user', 'date']);

/**
 * Reads the `searchAlias` values declared by `jira:entityProperty` modules, so JQL like
 * `prodSeverity = S1` works as it would once the app is installed. Missing manifest → no aliases.
 * @see https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/
 */
export function readSearchAliases(manifestPath: string = MANIFEST_PATH): Map<string, SearchAlias> {
  const aliases = new Map<string, SearchAlias>();
  if (!existsSync(manifestPath)) return aliases;
  let doc: unknown;
  try {
    doc = parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return aliases;
  }
  const modules = (doc as { modules?: Record<string, unknown> } | null)?.modules?.['jira:entityProperty'];
  if (!Array.isArray(modules)) return aliases;
  for (const module of modules as unknown[]) {
    const m = module as { entityType?: unknown; propertyKey?: unknown; values?: unknown };
    if ((m.entityType ?? 'issue') !== 'issue' || typeof m.propertyKey !== 'string' || !Array.isArray(m.values)) continue;
    for (const value of m.values as unknown[]) {
      const v = value as { path?: unknown; type?: unknown; searchAlias?: unknown };
      if (typeof v.searchAlias !== 'string' || typeof v.path !== 'string' || typeof v.type !== 'string' || !VALUE_TYPES.has(v.type)) continue;
      aliases.set(v.searchAlias.toLowerCase(), { alias: v.searchAlias, propertyKey: m.propertyKey, path: v.path, type: v.type as SearchAlias['type'] });
    }
  }
  return aliases;
}
