import { wordMinutes } from '../../contract/duration-words';
import { disputeTimeBoxOf, levelCommunication, playbookOf, RELEASE_VEHICLE_LABELS, type LevelCommunication, type PolicyLevel, type SeverityPolicy } from '../../contract/policy.contract';

const steps = (count: number): string => (count === 1 ? '1 step' : `${String(count)} steps`);

const duration = (minutes: number | null): string => (minutes === null ? 'none' : wordMinutes(minutes));

const describe = (key: keyof PolicyLevel, value: PolicyLevel[keyof PolicyLevel]): string => {
  switch (key) {
    case 'responseTargetMinutes':
    case 'updateCadenceMinutes':
    case 'confirmWithinMinutes':
    case 'disputeTimeBoxMinutes':
      return duration(value as number | null);
    case 'releaseVehicle':
      return RELEASE_VEHICLE_LABELS[value as PolicyLevel['releaseVehicle']];
    case 'allHands':
    case 'postmortemRequired':
      return value === true ? 'yes' : 'no';
    case 'examples':
      return (value as string[]).join('; ') || 'none';
    case 'communication':
      return describeCommunication(value as LevelCommunication);
    default:
      return value === null || value === undefined ? 'none' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
};

const FIELD_NAMES: Readonly<Record<keyof PolicyLevel, string>> = {
  id: 'id',
  name: 'name',
  definition: 'definition',
  examples: 'examples',
  response: 'response asked for',
  responseTargetMinutes: 'response target',
  updateCadenceMinutes: 'update cadence',
  releaseVehicle: 'release vehicle',
  allHands: 'all hands',
  postmortemRequired: 'postmortem required',
  confirmWithinMinutes: 'time to confirm the reporter’s pick',
  jiraPriority: 'Jira priority',
  weeklyBudget: 'weekly budget',
  // playbook part (issue 16)
  playbook: 'playbook',
  communication: 'stakeholder updates', // part: updates (issue 16)
  // disputes (issue 16 part 4)
  disputeTimeBoxMinutes: 'time to rule on a severity dispute',
};

// ── part: updates (issue 16) ──
const describeCommunication = (communication: LevelCommunication): string => {
  if (!communication.direct) return 'not sent directly';
  const audience = [...communication.groups.map((group) => `group ${group}`), ...communication.roles.map((role) => `role ${role}`), 'reporter, assignee and watchers'];
  return `sent to ${audience.join(', ')} with the subject "${communication.subjectTemplate}"`;
};

/**
 * The escalation contact's change in words. The history is pure text saved with the policy, and a
 * person's name may change or be hidden from some readers, so it says what changed, not to whom
 * (the page shows the contact by name).
 */
const describeEscalation = (was: string | null, is: string | null): string =>
  was === null ? 'escalation contact set: a missed update now also reaches a person' : is === null ? 'escalation contact removed: a missed update only reminds the assignee' : 'escalation contact changed to another person';

/** disputes (issue 16 part 4): a level saved before dispute time boxes existed has the default, which is no change. */
const withDisputeTimeBoxes = (policy: SeverityPolicy): SeverityPolicy => ({ levels: policy.levels.map((level, index) => ({ ...level, disputeTimeBoxMinutes: disputeTimeBoxOf(level, index) })) });

/** What changed between two policies, one sentence per change, for the change history. */
export const describePolicyChanges = (storedBefore: SeverityPolicy, storedAfter: SeverityPolicy): string[] => {
  const before = withDisputeTimeBoxes(storedBefore);
  const after = withDisputeTimeBoxes(storedAfter);
  const changes: string[] = [];
  const beforeIds = before.levels.map((level) => level.id);
  const afterIds = after.levels.map((level) => level.id);
  for (const level of after.levels) {
    const previous = before.levels.find((candidate) => candidate.id === level.id);
    if (previous === undefined) {
      changes.push(`Added level ${level.name}.`);
      continue;
    }
    for (const key of Object.keys(FIELD_NAMES) as Array<keyof PolicyLevel>) {
      if (key === 'id') continue;
      // playbook part (issue 16): compared as it applies (an old level without one has the default), said
      // in steps; only on an all-hands level, the only kind whose playbook shows.
      if (key === 'playbook') {
        const [was, now] = [playbookOf(previous), playbookOf(level)];
        if (level.allHands && JSON.stringify(was) !== JSON.stringify(now)) changes.push(`${level.name}: playbook changed (${steps(was.length)} → ${steps(now.length)}).`);
        continue;
      }
      // part: updates: a level saved before `communication` existed compares by its defaults; the
      // escalation contact is said apart (the audience's sentence would read the same before and after).
      if (key === 'communication') {
        const [{ escalationContact: wasContact, ...was }, { escalationContact: isContact, ...is }] = [levelCommunication(previous), levelCommunication(level)];
        if (JSON.stringify(was) !== JSON.stringify(is)) changes.push(`${level.name}: ${FIELD_NAMES[key]} ${describeCommunication({ ...was, escalationContact: null })} → ${describeCommunication({ ...is, escalationContact: null })}.`);
        if (wasContact !== isContact) changes.push(`${level.name}: ${describeEscalation(wasContact, isContact)}.`);
        continue;
      }
      const [was, is] = [previous[key], level[key]];
      if (JSON.stringify(was) !== JSON.stringify(is)) {
        changes.push(`${level.name}: ${FIELD_NAMES[key]} ${describe(key, was)} → ${describe(key, is)}.`);
      }
    }
  }
  for (const level of before.levels) if (!afterIds.includes(level.id)) changes.push(`Removed level ${level.name}.`);
  const kept = afterIds.filter((id) => beforeIds.includes(id));
  if (kept.join() !== beforeIds.filter((id) => afterIds.includes(id)).join()) changes.push(`Reordered levels: ${after.levels.map((level) => level.name).join(' > ')}.`);
  return changes;
};
