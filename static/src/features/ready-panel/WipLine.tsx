import { useState, useCallback } from 'react';

import { useLatestLoad } from '../../app/use-latest-load';
import type { CallResolver } from '../../api/client';
import { type WipLineWords, describeWip } from './wip-line';

/**
 * "Emergency work in progress: 2 of 2 — starting this one will be blocked", under the Definition of
 * Ready, from `config/supportWip` (read as the viewer). Read again whenever the report changes (a
 * triager may have classified the issue). Shows nothing when no limit applies or the count cannot be
 * read: it only informs, the validator decides.
 */
export function WipLine({ issueKey, revision, callResolver }: { readonly issueKey: string; readonly revision: number; readonly callResolver: CallResolver }) {
  const [words, setWords] = useState<WipLineWords | null>(null);
  const load = useCallback(() => callResolver('config/supportWip', { issueKey }), [callResolver, issueKey]);
  useLatestLoad(load, (result) => setWords(result.ok ? describeWip(result.data) : null), revision);
  if (words === null) return null;
  return (
    <p className={words.atLimit ? 'fb-note fb-wip-line fb-wip-line--full' : 'fb-note fb-wip-line'} data-testid="wip-line">
      {words.text}
    </p>
  );
}
