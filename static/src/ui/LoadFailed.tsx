import type { ResolverError } from '@contract/result';

import { isRetryable } from '../shared/failures';
import { Banner } from './Banner';

/** A screen whose first read failed: the backend's sentence, and "Try again" when that can help. */
export function LoadFailed({ error, onRetry }: { readonly error: ResolverError; readonly onRetry: () => void }) {
  return (
    <div className="fb-panel">
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
    </div>
  );
}
