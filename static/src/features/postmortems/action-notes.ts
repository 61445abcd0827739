import type { ActionItem } from '@contract/postmortem.contract';

/**
 * An action's decision and proof in one wording for the page, the print view and (in the backend's
 * own copy, `actionExportNotes`) the Markdown export: "Accepted by Mia Chen, <when>: why" and
 * "Verified by Mia Chen, <when>: how". `when` formats a time on the reader's clock; a name Jira did
 * not give reads "someone", never an account id.
 */

type Triage = NonNullable<ActionItem['triage']>;
type Verification = NonNullable<ActionItem['verification']>;

export const DECISION_WORDS: Readonly<Record<Triage['decision'], string>> = { accepted: 'Accepted', deferred: 'Deferred', rejected: 'Rejected' };

const nameIn = (names: Readonly<Record<string, string>>, accountId: string): string => names[accountId] ?? 'someone';

export const decisionNote = (triage: Triage, names: Readonly<Record<string, string>>, when: (iso: string) => string): string =>
  `${DECISION_WORDS[triage.decision]} by ${nameIn(names, triage.by)}, ${when(triage.at)}${triage.reason === '' ? '' : `: ${triage.reason}`}`;

/** The sentence before the proof's link (the caller shows the link as a link). */
export const verificationNote = (verification: Verification, names: Readonly<Record<string, string>>, when: (iso: string) => string): string =>
  `Verified by ${nameIn(names, verification.by)}, ${when(verification.at)}${verification.how === '' ? '' : `: ${verification.how}`}`;
