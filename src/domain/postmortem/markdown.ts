/**
 * Turning people's text into Markdown that reads as that text in any renderer. The export is pasted
 * into wikis, tickets and chat tools whose renderers differ (CommonMark, GitHub's, older ones, some
 * that pass raw HTML through), so nothing a person typed may become markup there: raw HTML is
 * written as entities, Markdown's punctuation is backslash-escaped, link targets are percent-encoded
 * and only http(s) ones become links, and a table cell keeps its pipes and line breaks inside it.
 * @see https://spec.commonmark.org/0.31.2/#backslash-escapes
 * @see https://github.github.com/gfm/#tables-extension-
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** HTML's three, as entities (a renderer that allows raw HTML still shows them as text), then Markdown's inline markers. */
const escapeCharacters = (text: string): string => text.replace(/[&<>]/g, (character) => ENTITIES[character] ?? character).replace(/[\\`*_[\]|~]/g, (character) => `\\${character}`);

/** What starts a block at the beginning of a line: heading, list item, setext underline, ordered list. */
const BLOCK_MARKER = /^(#|-|\+|=|\d{1,9}(?=[.)]))/;

/** Text on one line (a title, a name, a list item): line breaks become spaces. */
export const inlineText = (text: string): string => escapeCharacters(text.replace(/\r\n?|\n/g, ' '));

/**
 * Free text with its line breaks: every line is text, never a heading, quote, list, fence or
 * indented code block the author did not mean (or did, to spoof a section of the export).
 */
export const blockText = (text: string): string =>
  text
    .split(/\r\n?|\n/)
    .map((line) => escapeCharacters(line.trimStart()).replace(BLOCK_MARKER, (marker) => (/^\d/.test(marker) ? `${marker}\\` : `\\${marker}`)))
    .join('\n');

/** A GFM table cell: escaped pipes stay in the cell, and line breaks become `<br>` (the one tag the export writes itself). */
export const tableCell = (text: string): string =>
  text
    .split(/\r\n?|\n/)
    .map((line) => escapeCharacters(line))
    .join('<br>');

/** Characters a link destination may keep as they are; everything else is percent-encoded (as UTF-8), so no renderer can end the link early. */
const URL_UNSAFE = /[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]/gu;

const encodeDestination = (url: string): string =>
  url.replace(URL_UNSAFE, (character) => Array.from(new TextEncoder().encode(character), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''));

/** `[label](url)` for an http(s) address; anything else is written out as text, never as a link. */
export const link = (label: string, url: string): string => {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return `${inlineText(label)} (${inlineText(url)})`;
  }
  if (protocol !== 'http:' && protocol !== 'https:') return `${inlineText(label)} (${inlineText(url)})`;
  return `[${inlineText(label)}](${encodeDestination(url)})`;
};
