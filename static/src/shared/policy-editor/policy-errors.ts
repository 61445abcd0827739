/**
 * The policy form's errors as the summary beside Save lists them: in the order of the form, each
 * named after the control it belongs to ("Level 2 (Major) — Response target"), so an admin at the
 * foot of a long page knows what to fix and can jump to it. Pure.
 */
import type { LevelField, PolicyDraft } from './policy-form';

export interface SummarizedError {
  /** The error's key, which the control carries as `data-field`. */
  readonly key: string;
  readonly label: string;
  readonly message: string;
}

const FIELD_LABELS: Readonly<Record<LevelField, string>> = {
  id: 'Name',
  name: 'Name',
  definition: 'Definition',
  examples: 'Examples',
  response: 'Response asked of the reporter',
  responseTargetMinutes: 'Response target',
  updateCadenceMinutes: 'Update cadence',
  confirmWithinMinutes: 'Time to confirm the reporter’s pick',
  releaseVehicle: 'Release vehicle',
  allHands: 'All hands',
  postmortemRequired: 'Postmortem required',
  jiraPriority: 'Jira priority',
  weeklyBudget: 'Weekly budget',
  // playbook part (issue 16)
  playbook: 'Playbook',
  communication: 'Stakeholder updates', // part: updates
  // disputes (issue 16 part 4)
  disputeTimeBoxMinutes: 'Time to rule on a severity dispute',
};
const FIELD_ORDER = Object.keys(FIELD_LABELS);

const LEVEL_KEY = /^levels\.(\d+)\.([A-Za-z]+)$/;

/** Where a key sits in the form: the scale first, then each level's fields in order, then the moves. */
const rank = (key: string): number => {
  if (key === 'levels') return -1;
  const match = LEVEL_KEY.exec(key);
  if (match === null) return Number.MAX_SAFE_INTEGER;
  return Number(match[1]) * 100 + FIELD_ORDER.indexOf(match[2] ?? '');
};

export function summarizePolicyErrors(errors: Readonly<Record<string, string>>, draft: Pick<PolicyDraft, 'levels'>): SummarizedError[] {
  return Object.entries(errors)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([key, message]) => {
      if (key === 'levels') return { key, label: 'Levels', message };
      if (key === 'mapping') return { key, label: 'Issues on removed levels', message };
      const match = LEVEL_KEY.exec(key);
      const index = Number(match?.[1] ?? -1);
      const name = draft.levels[index]?.name.trim() ?? '';
      const labels: Readonly<Record<string, string | undefined>> = FIELD_LABELS;
      const field = labels[match?.[2] ?? ''] ?? 'Level';
      return { key, label: `Level ${String(index + 1)}${name === '' ? '' : ` (${name})`} — ${field}`, message };
    });
}
