/**
 * Stakeholder updates (issue 16, part: updates): limits the panel and the backend share, zod-free so
 * the UI imports them at run time.
 */

/** An update is short: a few sentences a stakeholder reads on a phone. */
export const UPDATE_TEXT_MAX = 1_000;

/** How many kept updates the panel lists (newest first). */
export const UPDATES_LISTED_MAX = 50;

/** One click's id: the same id twice (a double click, a retry) sends one update. */
export const UPDATE_ACTION_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/;
