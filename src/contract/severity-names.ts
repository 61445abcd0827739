/**
 * What a person reads for a severity level. Records, JQL values and labels keep a level's id (a
 * stable slug, so they survive a rename), but nobody should have to read one: every panel, list,
 * export, gadget and message names a level through `severityName`, under the scale of the policy in
 * force for the project (the project's own, else the site's, else Firebreak's default). Pure
 * and zod-free, so the backend and the UI name levels the same way.
 */

/** The part of a scale level that naming needs (a `SeverityLevel` or a `PolicyLevel`). */
export interface NamedLevel {
  readonly id: string;
  readonly name: string;
}

/** Said after the name of a level the scale no longer has (a scale change removed it). */
export const NO_LONGER_IN_SCALE = '(no longer in the scale)';

/**
 * A readable name made from a level id, for a level neither the scale nor the record names:
 * `major` → "Major", `sev-1` → "Sev 1", `p0` → "P0". Firebreak's presets name their levels this way,
 * so a level a preset change removed reads as it did.
 */
export function nameFromLevelId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  if (words === '') return 'Unnamed level';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface SeverityNaming {
  /** What to show: the scale's name, or for a level the scale lost, its last known name and why. */
  readonly text: string;
  /** The level's name alone (without the note), e.g. to quote it. */
  readonly name: string;
  /** Position in the scale, 0 = most severe; null for a level the scale no longer has. */
  readonly rank: number | null;
}

/**
 * Names level `id` under `scale`. A level the scale still has reads by its current name (a rename
 * shows everywhere at once). One it no longer has reads by the name recorded with it when there is
 * one (`recordedName`, e.g. kept on a decision), else by a name made from its id, and says it is no
 * longer in the scale: never the bare id, never silently dropped.
 */
export function nameSeverity(scale: readonly NamedLevel[], id: string, recordedName?: string): SeverityNaming {
  const rank = scale.findIndex((level) => level.id === id);
  const level = scale[rank];
  if (level !== undefined) return { text: level.name, name: level.name, rank };
  const known = recordedName?.trim();
  const name = known === undefined || known === '' ? nameFromLevelId(id) : known;
  return { text: `${name} ${NO_LONGER_IN_SCALE}`, name, rank: null };
}

/** `nameSeverity(...).text`: the words a person reads for level `id`. */
export const severityName = (scale: readonly NamedLevel[], id: string, recordedName?: string): string => nameSeverity(scale, id, recordedName).text;

/** "Critical", "Critical or Major", "Sev1, Sev2 or Sev3": levels named in a sentence. */
export function listLevelNames(names: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1) ?? ''}`;
}
