import type { ResolverError } from '@contract/result';

import { isRetryable } from '../shared/failures';
import { Banner } from './Banner';

/** A failed read: the backend's sentence, and "Try again" when that can help. */
export function FailureBanner({ error, onRetry }: { readonly error: ResolverError; readonly onRetry: () => void }) {
  return (
    <Banner
      tone="error"
      actions={
        isRetryable(error) ? (
          <button type="button" className="fb-button" onClick={onRetry}>
            Try again
          </button>
        ) : undefined
      }
    >
      {error.message}
    </Banner>
  );
}

/** A screen whose first read failed, in place of the screen. */
export function LoadFailed({ error, onRetry }: { readonly error: ResolverError; readonly onRetry: () => void }) {
  return (
    <div className="fb-panel">
      <FailureBanner error={error} onRetry={onRetry} />
    </div>
  );
}
