import { wordMinutes } from '../../contract/duration-words';
import { RELEASE_VEHICLE_LABELS, disputeTimeBoxOf, type PolicyLevel, type SeverityPolicy } from '../../contract/policy.contract';

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
    default:
      return value === null ? 'none' : String(value);
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
  // disputes (issue 16 part 4)
  disputeTimeBoxMinutes: 'time to rule on a severity dispute',
};

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
      if (JSON.stringify(previous[key]) !== JSON.stringify(level[key])) {
        changes.push(`${level.name}: ${FIELD_NAMES[key]} ${describe(key, previous[key])} → ${describe(key, level[key])}.`);
      }
    }
  }
  for (const level of before.levels) if (!afterIds.includes(level.id)) changes.push(`Removed level ${level.name}.`);
  const kept = afterIds.filter((id) => beforeIds.includes(id));
  if (kept.join() !== beforeIds.filter((id) => afterIds.includes(id)).join()) changes.push(`Reordered levels: ${after.levels.map((level) => level.name).join(' > ')}.`);
  return changes;
};
