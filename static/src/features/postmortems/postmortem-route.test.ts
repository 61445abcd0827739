import { describe, expect, it } from 'vitest';

import { postmortemPath } from '../../shared/postmortem-links';
import { parsePostmortemRoute } from './postmortem-route';

describe('postmortem routes', () => {
  it('reads a postmortem path back to its id, including ids that need escaping', () => {
    expect(parsePostmortemRoute(postmortemPath('pm-shop-1-abcdef12'))).toEqual({ kind: 'postmortem', id: 'pm-shop-1-abcdef12' });
    expect(parsePostmortemRoute(postmortemPath('pm a/b'))).toEqual({ kind: 'postmortem', id: 'pm a/b' });
    expect(parsePostmortemRoute('/postmortem/pm-1/')).toEqual({ kind: 'postmortem', id: 'pm-1' });
  });

  it('reads the top, unknown paths and broken escapes as the list', () => {
    for (const path of ['/', '', '/postmortem/', '/somewhere/else', '/postmortem/pm-1/timeline', '/postmortem/%E0%A4%A']) {
      expect(parsePostmortemRoute(path)).toEqual({ kind: 'list' });
    }
  });
});
