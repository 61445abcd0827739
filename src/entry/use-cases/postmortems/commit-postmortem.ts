import type { Postmortem } from '../../../contract/postmortem.contract';
import { KVS_VALUE_MAX_BYTES, MAX_INCIDENT_CHANGES_PER_SAVE, storedBytes, writePostmortem, type PublishedVersionChange, type StoredPostmortem } from '../../../storage/postmortem.store';
import { refuse } from '../../refusal';
import type { HandlerContext } from '../../resolvers/resolver-definition';

export const CONFLICT_MESSAGE = 'Someone else saved this postmortem while you were editing. Their version is shown; copy your text if you need it.';

/** The next revision of a postmortem, as changed by the caller now. */
export const stamp = (postmortem: Postmortem, handler: HandlerContext): Postmortem => ({
  ...postmortem,
  revision: postmortem.revision + 1,
  updatedAt: handler.now().toISOString(),
  updatedBy: handler.access.accountId,
});

export const tooLargeMessage = (bytes: number): string =>
  `This postmortem would take ${Math.ceil(bytes / 1024).toLocaleString('en-US')} KiB and Forge stores at most 240 KiB per postmortem. Shorten the longest texts or link to documents instead.`;

/** Refuses a postmortem KVS would not store, before anything is written (or filed). */
export const refuseIfTooLarge = (postmortem: Postmortem, message: (bytes: number) => string = tooLargeMessage): void => {
  const bytes = storedBytes(postmortem);
  if (bytes > KVS_VALUE_MAX_BYTES) refuse('TOO_LARGE', message(bytes));
};

/** A change based on an older version is refused before any work is done for it. */
export const refuseIfStale = (stored: StoredPostmortem, baseRevision: number): void => {
  if (stored.postmortem.revision !== baseRevision) refuse('CONFLICT', CONFLICT_MESSAGE);
};

/**
 * Every change to a stored postmortem goes through here: it lands only if the stored revision is
 * still the one the person's change was based on, decided by storage in one conditional
 * transaction (see `writePostmortem`). A stale base is refused at once, without a write.
 */
export const commitPostmortem = async (stored: StoredPostmortem, next: Postmortem, baseRevision: number, published?: PublishedVersionChange): Promise<void> => {
  refuseIfStale(stored, baseRevision);
  refuseIfTooLarge(next);
  const before = stored.postmortem.incidents;
  const changed = next.incidents.filter((key) => !before.includes(key)).length + before.filter((key) => !next.incidents.includes(key)).length;
  if (changed > MAX_INCIDENT_CHANGES_PER_SAVE) {
    refuse('INVALID_INPUT', `Link or unlink at most ${String(MAX_INCIDENT_CHANGES_PER_SAVE)} incidents in one save.`, 'edit.incidents');
  }
  const outcome = await writePostmortem(next, { revision: baseRevision, legacy: stored.legacy, incidents: before }, published);
  if (outcome === 'conflict') refuse('CONFLICT', CONFLICT_MESSAGE);
};
