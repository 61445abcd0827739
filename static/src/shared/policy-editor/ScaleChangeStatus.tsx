import type { PolicyView } from '@contract/policy.contract';

import { Banner } from '../../ui/Banner';

/** The last scale change: what moved where, and whether issues are still being moved. */
export function ScaleChangeStatus({ view, onRefresh, busy }: { readonly view: Pick<PolicyView, 'scaleChange'>; readonly onRefresh: () => void; readonly busy: boolean }) {
  const change = view.scaleChange;
  if (change === null) return null;
  if (change.status === 'done') return <p className="fb-note fb-note--boxed">Last scale change — {change.message}</p>;
  const left = change.remaining === null ? '' : change.remaining === 1 ? ': 1 issue is still on a removed level' : `: ${String(change.remaining)} issues are still on a removed level`;
  return (
    <Banner
      tone="warning"
      title={`Moving issues to the new scale${left}`}
      actions={
        <button type="button" className="fb-button" disabled={busy} onClick={onRefresh}>
          Check progress
        </button>
      }
    >
      {change.message}
    </Banner>
  );
}
