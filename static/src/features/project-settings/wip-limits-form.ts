/**
 * "Support work in progress": a WIP limit per class of service and whether the top severity level
 * is exempt (`config.wipLimits`), as pure functions over the card's draft. The limits are typed as
 * text, so what a person typed stays on screen until it is a whole number the contract accepts.
 */
import type { ProjectConfig, WipLimits } from '@contract/project-config.contract';
import { WIP_CLASS_NAMES, WIP_LIMIT_MAX, WIP_LIMIT_MESSAGE, WIP_LIMIT_MIN } from '@contract/project-config.values';
import { CLASSES_OF_SERVICE, type ClassOfService } from '@contract/triage.values';

export interface WipLimitsDraft {
  /** Per class, as typed; empty = no limit. */
  readonly limits: Readonly<Record<ClassOfService, string>>;
  readonly topSeverityExempt: boolean;
}

export const WIP_COPY = {
  title: 'Support work in progress',
  intro:
    'At most this many issues of each class of service in an In Progress status at once (Kanban’s “limit work in progress”). Leave a box empty for no limit. The severity-policy validator’s “support WIP limits” rule refuses to start one more, naming the issues already in progress.',
  exempt: 'The top severity level is exempt: issues a triager decided at the policy’s most severe level may always start.',
  save: 'Save WIP limits',
  saved: 'WIP limits saved',
  unsaved: ' Nothing is saved yet: no limits apply.',
} as const;

export const wipFieldKey = (classOfService: ClassOfService): string => `wipLimits.${classOfService}`;
export const WIP_EXEMPT_KEY = 'wipLimits.topSeverityExempt';

export const wipLimitsDraftOf = (config: ProjectConfig): WipLimitsDraft => ({
  limits: Object.fromEntries(CLASSES_OF_SERVICE.map((name) => [name, config.wipLimits?.limits[name]?.toString() ?? ''])) as Record<ClassOfService, string>,
  topSeverityExempt: config.wipLimits?.topSeverityExempt ?? false,
});

/** A typed limit: `null` for none, a whole number from 1 to 99, or `undefined` when it is neither. */
export const parseWipLimit = (typed: string): number | null | undefined => {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const limit = Number(trimmed);
  return limit >= WIP_LIMIT_MIN && limit <= WIP_LIMIT_MAX ? limit : undefined;
};

/** The limits as the contract takes them, or errors keyed `wipLimits.<class>`. */
export function checkWipLimits(draft: WipLimitsDraft): { readonly ok: true; readonly wipLimits: WipLimits } | { readonly ok: false; readonly errors: Record<string, string> } {
  const limits: Partial<Record<ClassOfService, number>> = {};
  const errors: Record<string, string> = {};
  for (const name of CLASSES_OF_SERVICE) {
    const limit = parseWipLimit(draft.limits[name]);
    if (limit === undefined) errors[wipFieldKey(name)] = `${WIP_CLASS_NAMES[name]}: ${WIP_LIMIT_MESSAGE}`;
    else if (limit !== null) limits[name] = limit;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, wipLimits: { limits, topSeverityExempt: draft.topSeverityExempt } };
}

/** `config` with the WIP limits set. */
export const withWipLimits = (config: ProjectConfig, wipLimits: WipLimits): ProjectConfig => ({ ...config, wipLimits });

/** `config` with the WIP limits as stored (none stored = none), for a card whose draft is the whole config. */
export function withStoredWipLimits(config: ProjectConfig, wipLimits: WipLimits | undefined): ProjectConfig {
  const { wipLimits: _previous, ...rest } = config;
  return wipLimits === undefined ? rest : { ...rest, wipLimits };
}

/** A backend path under `config.wipLimits` as the key the card marks. */
export function wipFieldOf(key: string): string {
  const limit = /^wipLimits\.limits\.([a-z-]+)/.exec(key)?.[1];
  return limit !== undefined && (CLASSES_OF_SERVICE as readonly string[]).includes(limit) ? `wipLimits.${limit}` : WIP_EXEMPT_KEY;
}

/** "Emergency 2, ASAP bug 3; top level exempt", for the note after a conflict. */
export const describeWipLimits = (draft: WipLimitsDraft): string => {
  const set = CLASSES_OF_SERVICE.filter((name) => draft.limits[name].trim() !== '').map((name) => `${WIP_CLASS_NAMES[name]} ${draft.limits[name].trim()}`);
  return `${set.length === 0 ? 'no limits' : set.join(', ')}; top level ${draft.topSeverityExempt ? 'exempt' : 'not exempt'}`;
};
