/** Stored data that does not match its schema: someone wrote it by hand, or a bug did. */
export class StoredDataError extends Error {
  override readonly name = 'StoredDataError';
}
