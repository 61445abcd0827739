/**
 * The severity policy editor as pure functions over a draft. The draft holds what the admin typed
 * (durations with their unit, examples one per line, the budget as text); `toPolicy` turns it into
 * the contract's `SeverityPolicy` or into errors keyed by the path the backend would name
 * (`levels.2.definition`), so the page and the unit tests share one set of rules.
 */
import type { PolicyLevel, SeverityPolicy } from '@contract/policy.contract';

import { COMMUNICATION_LIMITS, DISPUTE_TIME_BOX_DEFAULTS, disputeTimeBoxOf, levelCommunication, PLAYBOOK_LIMITS, playbookOf, POLICY_LIMITS, type ReleaseVehicle } from '@contract/policy.values';
import { LEVEL_ID_MAX, LEVEL_ID_PATTERN } from '@contract/severity.values';
import { type DurationDraft, fromMinutes, toMinutes } from './duration';

export interface LevelDraft {
  /** Stable React key: survives renames and moves. */
  readonly key: string;
  /**
   * Whether the id is fixed. Saved levels keep theirs because stored reports and JQL refer to it;
   * preset levels keep the preset's. A level added here takes its id from its name.
   */
  readonly idFixed: boolean;
  readonly id: string;
  readonly name: string;
  readonly definition: string;
  /** One example per line. */
  readonly examples: string;
  readonly response: string;
  readonly responseTarget: DurationDraft;
  /** `null`: no update cadence for this level. */
  readonly updateCadence: DurationDraft | null;
  readonly confirmWithin: DurationDraft;
  readonly releaseVehicle: ReleaseVehicle;
  readonly allHands: boolean;
  readonly postmortemRequired: boolean;
  /** `null`: leave the Jira priority alone. */
  readonly jiraPriority: string | null;
  /** Empty: no budget. */
  readonly weeklyBudget: string;
  // playbook part (issue 16)
  /** The all-hands checklist, one step per line. */
  readonly playbook: string;
  // ── part: updates (issue 16) ──
  /** Stakeholder updates: sent directly, the audience (groups and roles as typed, comma-separated), the subject, the escalation contact (chosen by name, kept by account id). */
  readonly communication: CommunicationDraft;
  /** disputes (issue 16 part 4): the time box for ruling on a dispute; the default shown when none is stored. */
  readonly disputeTimeBox: DurationDraft;
}

export interface CommunicationDraft {
  readonly direct: boolean;
  readonly groups: string;
  readonly roles: string;
  readonly subjectTemplate: string;
  readonly escalationContact: string | null;
  /** Whether the level has its own (stored or edited); false: left out on save, so the defaults keep applying. */
  readonly own: boolean;
}

const communicationDraftOf = (level: Pick<PolicyLevel, 'updateCadenceMinutes' | 'communication'>): CommunicationDraft => {
  const communication = levelCommunication(level);
  return { ...communication, groups: communication.groups.join(', '), roles: communication.roles.join(', '), own: level.communication !== undefined };
};

/** Names (or clears, with null) the level's escalation contact, a person chosen by name in the picker; saved by account id. */
export const setEscalationContact = (draft: PolicyDraft, index: number, accountId: string | null): PolicyDraft => {
  const level = draft.levels[index];
  if (level === undefined) return draft;
  return updateLevel(draft, index, { communication: { ...level.communication, escalationContact: accountId, own: true } });
};

/**
 * What the policy page says about a missed update at this level: the assignee is reminded when it
 * is due; a cadence after the reminder the contact hears too, or nobody more when there is none.
 */
export const escalationWords = (level: Pick<LevelDraft, 'updateCadence'>, contactName: string | null): string => {
  if (level.updateCadence === null) return 'No update cadence, so no update is ever overdue here.';
  const first = 'When an update is overdue, Firebreak reminds the assignee in a comment.';
  if (contactName === null) return `${first} Nobody else is told: choose an escalation contact to have someone hear when the reminder goes unanswered.`;
  return `${first} If nobody posts within another update interval after the reminder, ${contactName} gets an email too.`;
};

/** Names typed comma-separated, trimmed, blanks and repeats dropped. */
export const namesOf = (text: string): string[] => [...new Set(text.split(',').map((name) => name.trim()).filter((name) => name !== ''))];
// ── end part: updates ──

export interface PolicyDraft {
  readonly levels: readonly LevelDraft[];
  /** Source of the next `key`. */
  readonly nextKey: number;
  /** Where the issues of a level the draft removes move, by old id → new id, as the admin chose (`scale-moves.ts`). */
  readonly moves?: Readonly<Record<string, string>>;
}

/** The draft field a control edits, as named in error paths (`levels.0.<field>`). */
export type LevelField = keyof Omit<PolicyLevel, 'id'> | 'id';

const levelToDraft = (level: PolicyLevel, key: number, index: number): LevelDraft => ({
  key: `level-${String(key)}`,
  idFixed: true,
  id: level.id,
  name: level.name,
  definition: level.definition,
  examples: level.examples.join('\n'),
  response: level.response,
  responseTarget: fromMinutes(level.responseTargetMinutes),
  updateCadence: level.updateCadenceMinutes === null ? null : fromMinutes(level.updateCadenceMinutes),
  confirmWithin: fromMinutes(level.confirmWithinMinutes),
  releaseVehicle: level.releaseVehicle,
  allHands: level.allHands,
  postmortemRequired: level.postmortemRequired,
  jiraPriority: level.jiraPriority,
  weeklyBudget: level.weeklyBudget === null ? '' : String(level.weeklyBudget),
  // playbook part (issue 16): an old level without one shows the playbook it has in effect.
  playbook: playbookOf(level).join('\n'),
  communication: communicationDraftOf(level), // part: updates
  // disputes (issue 16 part 4)
  disputeTimeBox: fromMinutes(disputeTimeBoxOf(level, index)),
});

/** A draft of a stored policy or a preset; `firstKey` keeps keys unique across replacements. */
export function draftOf(policy: SeverityPolicy, firstKey = 0): PolicyDraft {
  return { levels: policy.levels.map((level, index) => levelToDraft(level, firstKey + index, index)), nextKey: firstKey + policy.levels.length };
}

/** Replaces every level with the preset's (the page confirms first). */
export const applyPreset = (draft: PolicyDraft, preset: SeverityPolicy): PolicyDraft => draftOf(preset, draft.nextKey);

/**
 * A level id from its name: lowercase words joined by hyphens, at most 32 characters, unique among
 * `taken` ("-2", "-3" … when needed).
 */
export function levelIdFrom(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, LEVEL_ID_MAX)
      .replace(/-+$/, '') || 'level';
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${String(n)}`;
    const candidate = `${base.slice(0, LEVEL_ID_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Ids of the other levels, which a derived id must not repeat. */
const otherIds = (levels: readonly LevelDraft[], index: number) => levels.filter((_level, at) => at !== index).map((level) => level.id);

/** Changes one level; a level whose id is not fixed follows its name. */
export function updateLevel(draft: PolicyDraft, index: number, patch: Partial<Omit<LevelDraft, 'key' | 'idFixed' | 'id'>>): PolicyDraft {
  const levels = draft.levels.map((level, at) => {
    if (at !== index) return level;
    const next = { ...level, ...patch };
    return next.idFixed || patch.name === undefined ? next : { ...next, id: levelIdFrom(next.name, otherIds(draft.levels, index)) };
  });
  return { ...draft, levels };
}

/**
 * A new, least severe level at the bottom, with the commitments of the current bottom level as a
 * starting point (a new level is usually a variation of its neighbour).
 */
export function addLevel(draft: PolicyDraft): PolicyDraft {
  const bottom = draft.levels.at(-1);
  const key = `level-${String(draft.nextKey)}`;
  const name = `Level ${String(draft.levels.length + 1)}`;
  const level: LevelDraft = {
    key,
    idFixed: false,
    id: levelIdFrom(name, draft.levels.map((existing) => existing.id)),
    name,
    definition: '',
    examples: '',
    response: '',
    responseTarget: bottom?.responseTarget ?? { amount: '3', unit: 'days' },
    updateCadence: bottom?.updateCadence ?? null,
    confirmWithin: bottom?.confirmWithin ?? { amount: '3', unit: 'days' },
    releaseVehicle: bottom?.releaseVehicle ?? 'plan-into-sprint',
    allHands: false,
    postmortemRequired: false,
    jiraPriority: null,
    weeklyBudget: '',
    playbook: '',
    communication: communicationDraftOf({ updateCadenceMinutes: bottom?.updateCadence === null || bottom === undefined ? null : 1 }), // part: updates
    // disputes (issue 16 part 4)
    disputeTimeBox: bottom?.disputeTimeBox ?? fromMinutes(DISPUTE_TIME_BOX_DEFAULTS.otherMinutes),
  };
  return { levels: [...draft.levels, level], nextKey: draft.nextKey + 1 };
}

export const removeLevel = (draft: PolicyDraft, index: number): PolicyDraft => ({ ...draft, levels: draft.levels.filter((_level, at) => at !== index) });

export function moveLevel(draft: PolicyDraft, index: number, by: -1 | 1): PolicyDraft {
  const target = index + by;
  const levels = [...draft.levels];
  const [moving] = levels.splice(index, 1);
  if (moving === undefined || target < 0 || target > levels.length) return draft;
  levels.splice(target, 0, moving);
  return { ...draft, levels };
}

/** The examples a textarea holds: one per non-blank line, trimmed. */
export const examplesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

export type PolicyCheck = { readonly ok: true; readonly policy: SeverityPolicy } | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

const BUDGET_TEXT = /^\d+$/;

/**
 * What the backend would refuse, said before the round trip, and otherwise the policy to send.
 * Error keys are paths under `policy` (`levels`, `levels.1.name`), the same the backend names.
 */
export function toPolicy(draft: PolicyDraft): PolicyCheck {
  const L = POLICY_LIMITS;
  const errors: Record<string, string> = {};
  const levels: PolicyLevel[] = [];
  if (draft.levels.length < L.levelsMin) errors['levels'] = 'A scale needs at least two levels. Add a level.';
  if (draft.levels.length > L.levelsMax) errors['levels'] = 'Keep the scale to six levels or fewer.';

  draft.levels.forEach((level, index) => {
    const at = (field: LevelField) => `levels.${String(index)}.${field}`;
    const name = level.name.trim();
    if (name === '') errors[at('name')] = 'Give the level a name.';
    else if (name.length > L.nameMax) errors[at('name')] = `Keep the name to ${String(L.nameMax)} characters.`;
    else if (draft.levels.findIndex((other) => other.name.trim().toLowerCase() === name.toLowerCase()) !== index) errors[at('name')] = `Another level is already called “${name}”.`;
    if (!LEVEL_ID_PATTERN.test(level.id)) errors[at('name')] ??= 'This name gives no usable id; start it with a letter or digit.';
    else if (draft.levels.findIndex((other) => other.id === level.id) !== index) errors[at('name')] ??= `Another level already has the id “${level.id}”.`;

    const definition = level.definition.trim();
    if (definition.length < L.definitionMin) errors[at('definition')] = `Define the level in at least a sentence (${String(L.definitionMin)} characters).`;
    else if (definition.length > L.definitionMax) errors[at('definition')] = `Keep the definition to ${String(L.definitionMax)} characters.`;

    const examples = examplesOf(level.examples);
    if (examples.length > L.examplesMax) errors[at('examples')] = `Give at most ${String(L.examplesMax)} examples.`;
    else if (examples.some((example) => example.length > L.exampleMax)) errors[at('examples')] = `Keep each example to ${String(L.exampleMax)} characters.`;

    if (level.response.length > L.responseMax) errors[at('response')] = `Keep the response to ${String(L.responseMax)} characters.`;

    const responseTarget = toMinutes(level.responseTarget);
    if (!responseTarget.ok) errors[at('responseTargetMinutes')] = responseTarget.message;
    const cadence = level.updateCadence === null ? null : toMinutes(level.updateCadence);
    if (cadence !== null && !cadence.ok) errors[at('updateCadenceMinutes')] = cadence.message;
    const confirm = toMinutes(level.confirmWithin);
    if (!confirm.ok) errors[at('confirmWithinMinutes')] = confirm.message;
    // disputes (issue 16 part 4)
    const disputeTimeBox = toMinutes(level.disputeTimeBox);
    if (!disputeTimeBox.ok) errors[at('disputeTimeBoxMinutes')] = disputeTimeBox.message;

    const budgetText = level.weeklyBudget.trim();
    const budget = budgetText === '' ? null : Number(budgetText);
    if (budget !== null && (!BUDGET_TEXT.test(budgetText) || budget > L.budgetMax)) errors[at('weeklyBudget')] = `Enter a whole number from 0 to ${String(L.budgetMax)}, or leave it empty for no budget.`;

    // playbook part (issue 16)
    const playbook = examplesOf(level.playbook);
    if (playbook.length > PLAYBOOK_LIMITS.stepsMax) errors[at('playbook')] = `Keep the playbook to ${String(PLAYBOOK_LIMITS.stepsMax)} steps or fewer.`;
    else if (playbook.some((step) => step.length > PLAYBOOK_LIMITS.stepMax)) errors[at('playbook')] = `Keep each playbook step to ${String(PLAYBOOK_LIMITS.stepMax)} characters.`;
    // part: updates (issue 16)
    const C = COMMUNICATION_LIMITS;
    const groups = namesOf(level.communication.groups);
    const roles = namesOf(level.communication.roles);
    const subjectTemplate = level.communication.subjectTemplate.trim();
    if (groups.length > C.groupsMax || groups.some((group) => group.length > C.groupNameMax)) errors[at('communication')] = `Name at most ${String(C.groupsMax)} groups.`;
    else if (roles.length > C.rolesMax || roles.some((role) => role.length > C.roleNameMax)) errors[at('communication')] = `Name at most ${String(C.rolesMax)} roles.`;
    else if (subjectTemplate === '' || subjectTemplate.length > C.subjectMax) errors[at('communication')] = `Give updates a subject of at most ${String(C.subjectMax)} characters.`;

    if (responseTarget.ok && confirm.ok && disputeTimeBox.ok && (cadence === null || cadence.ok)) {
      levels.push({
        id: level.id,
        name,
        definition,
        examples,
        response: level.response.trim(),
        responseTargetMinutes: responseTarget.minutes,
        updateCadenceMinutes: cadence === null ? null : cadence.minutes,
        releaseVehicle: level.releaseVehicle,
        allHands: level.allHands,
        postmortemRequired: level.postmortemRequired,
        confirmWithinMinutes: confirm.minutes,
        jiraPriority: level.jiraPriority,
        weeklyBudget: budget,
        // A playbook that reads the same as none written (the usual sequence on an all-hands level,
        // nothing on others) is left out, so an untouched level saves exactly as it was read.
        ...(JSON.stringify(playbook) === JSON.stringify(playbookOf({ allHands: level.allHands })) ? {} : { playbook }),
        ...(level.communication.own ? { communication: { direct: level.communication.direct, groups, roles, subjectTemplate, escalationContact: level.communication.escalationContact } } : {}), // part: updates
        // disputes (issue 16 part 4): the default is not written, so an untouched level reads back as it was stored.
        ...(disputeTimeBox.minutes === disputeTimeBoxOf({}, index) ? {} : { disputeTimeBoxMinutes: disputeTimeBox.minutes }),
      });
    }
  });
  return Object.keys(errors).length === 0 ? { ok: true, policy: { levels } } : { ok: false, errors };
}

const LEVEL_FIELDS: ReadonlySet<string> = new Set<LevelField>([
  'id',
  'name',
  'definition',
  'examples',
  'response',
  'responseTargetMinutes',
  'updateCadenceMinutes',
  'releaseVehicle',
  'allHands',
  'postmortemRequired',
  'confirmWithinMinutes',
  'jiraPriority',
  'weeklyBudget',
  'playbook',
  'communication', // part: updates
  // disputes (issue 16 part 4)
  'disputeTimeBoxMinutes',
]);

/**
 * A backend path (`policy.levels.2.jiraPriority`, `levels.1.name`, `policy.levels.0.examples.3`) as
 * the key the form marks, or `undefined` for a banner. An id has no control of its own: its
 * message goes under the name it is made from.
 */
export function policyFieldOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const key = path.startsWith('policy.') ? path.slice('policy.'.length) : path;
  if (key === 'levels') return 'levels';
  // Where removed levels' issues move: one place on the form, whichever move was refused.
  if (key === 'mapping' || key.startsWith('mapping.')) return 'mapping';
  const match = /^levels\.(\d+)\.([A-Za-z]+)/.exec(key);
  if (match === null) return undefined;
  const [, index = '', field = ''] = match;
  if (!LEVEL_FIELDS.has(field)) return undefined;
  return `levels.${index}.${field === 'id' ? 'name' : field}`;
}
