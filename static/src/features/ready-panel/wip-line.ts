/**
 * The Definition of Ready panel's line on support work in progress, in words. Pure.
 */
import type { SupportWipView } from '@contract/project-config.contract';
import { WIP_CLASS_NAMES } from '@contract/project-config.values';

export type WipLineWords = { readonly text: string; readonly atLimit: boolean };

/**
 * "Emergency work in progress: 2 of 2 — starting this one will be blocked", "1 of 3", or null when
 * no limit applies. An issue already in progress counts itself once.
 */
export function describeWip(view: SupportWipView): WipLineWords | null {
  const { wip } = view;
  if (wip === null) return null;
  const head = `${WIP_CLASS_NAMES[wip.classOfService]} work in progress:`;
  if (wip.thisInProgress) {
    const count = wip.othersInProgress + 1;
    return { text: `${head} ${String(count)} of ${String(wip.limit)}${count > wip.limit ? ' — over the limit' : ''}`, atLimit: count >= wip.limit };
  }
  const count = `${head} ${String(wip.othersInProgress)} of ${String(wip.limit)}`;
  if (wip.othersInProgress < wip.limit) return { text: count, atLimit: false };
  if (wip.exempt) return { text: `${count} — the top severity level is exempt, so this one may start`, atLimit: true };
  return { text: `${count} — starting this one will be blocked`, atLimit: true };
}
