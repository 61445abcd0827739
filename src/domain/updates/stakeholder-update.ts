/**
 * Stakeholder updates (issue 16, part: updates): what an update says, to whom it goes and when the
 * next one is due. Pure: the time comes in as an argument.
 */
import { wordMinutes } from '../../contract/duration-words';
import { levelCommunication, type AppliedPolicyState, type LevelCommunication, type PolicyLevel } from '../../contract/policy.contract';

/** The text of a "Nothing new" update, before its next-update sentence. */
export const NOTHING_NEW_TEXT = 'Nothing to update. Still investigating.';

const addMinutes = (iso: string, minutes: number): string => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * A time in an email its readers see in many zones: named in UTC, the one zone the app knows for all
 * of them, with the day when it is not the day of `from` ("14:30 UTC", "Tue 1 Dec, 09:15 UTC"), as
 * the policy comment writes it.
 */
export const utcClock = (iso: string, from: string): string => {
  const time = `${iso.slice(11, 16)} UTC`;
  if (from.slice(0, 10) === iso.slice(0, 10)) return time;
  const date = new Date(iso);
  return `${WEEKDAYS[date.getUTCDay()] ?? ''} ${String(date.getUTCDate())} ${MONTHS[date.getUTCMonth()] ?? ''}, ${time}`;
};

/**
 * Why a level offers no direct updates, in a sentence for the panel; null when it does. Levels
 * without a cadence or whose policy says "no direct communication" are handled through the normal
 * process.
 */
export const whyNoDirectUpdates = (level: PolicyLevel): string | null => {
  if (level.updateCadenceMinutes === null) return `${level.name} has no update cadence in the severity policy, so Firebreak sends no stakeholder updates for it: it is handled through the normal process.`;
  if (!levelCommunication(level).direct) return `The severity policy says ${level.name} issues get no direct communication: they are handled through the normal process. A Jira admin can change that on the policy page.`;
  return null;
};

/** The subject from the level's template: `{level}` its name, `{LEVEL}` in capitals, `{summary}`, `{key}`; at most 255 characters (a mail subject line). */
export const subjectFor = (template: string, level: PolicyLevel, issue: { readonly key: string; readonly summary: string }): string =>
  template
    .replaceAll('{LEVEL}', level.name.toUpperCase())
    .replaceAll('{level}', level.name)
    .replaceAll('{summary}', issue.summary)
    .replaceAll('{key}', issue.key)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);

/**
 * When the next update is due if one is sent at `at`: a cadence later, but never earlier than the
 * due time already set (a comment may have moved it further), as the policy's own record does.
 */
export const nextUpdateDue = (cadenceMinutes: number, state: Pick<AppliedPolicyState, 'nextUpdateDueAt'>, at: string): string => {
  const next = addMinutes(at, cadenceMinutes);
  return state.nextUpdateDueAt !== null && Date.parse(state.nextUpdateDueAt) > Date.parse(next) ? state.nextUpdateDueAt : next;
};

/** The body of the email: the update, when the next one comes, and the link to the issue. */
export const updateBody = (text: string, nextDueAt: string, at: string, issueUrl: string): string =>
  `${text.trim()}\n\nNext update by ${utcClock(nextDueAt, at)}.\n\n${issueUrl}`;

/** What a "Nothing new" update says: "Nothing to update. Still investigating. Next update by 14:30 UTC." */
export const nothingNewText = (nextDueAt: string, at: string): string => `${NOTHING_NEW_TEXT} Next update by ${utcClock(nextDueAt, at)}.`;

/** The audience in words, for the panel and the kept record: "Groups: ops-leads; roles: Developers; the reporter, assignee and watchers". */
export const audienceWords = (communication: LevelCommunication): string => {
  const parts = [
    ...(communication.groups.length === 0 ? [] : [`group${communication.groups.length === 1 ? '' : 's'} ${communication.groups.join(', ')}`]),
    ...(communication.roles.length === 0 ? [] : [`project role${communication.roles.length === 1 ? '' : 's'} ${communication.roles.join(', ')}`]),
    'the reporter, assignee and watchers',
  ];
  return parts.join('; ');
};

/** "Updates every 30 minutes" for the panel. */
export const cadenceWords = (cadenceMinutes: number): string => `Updates every ${wordMinutes(cadenceMinutes)}`;
