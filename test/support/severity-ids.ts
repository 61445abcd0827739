/** Firebreak's default level ids: what no person should read where a level's name belongs. */
export const DEFAULT_LEVEL_IDS: readonly string[] = ['critical', 'major', 'medium', 'minor'];

/**
 * The level ids standing as words in `text`. Names are capitalised ("Critical"), ids are not
 * ("critical"), so the match is case-sensitive; a label such as `severity-critical` is not a word.
 * Scan text that names levels (a severity line, a table cell, a message), not definitions, whose
 * prose may say "a major function".
 */
export const rawLevelIds = (text: string, ids: readonly string[] = DEFAULT_LEVEL_IDS): string[] =>
  ids.filter((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text));
