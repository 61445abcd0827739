import { describe, expect, it } from 'vitest';

import { ALERT_SOURCE_KINDS } from '../../contract/intake.values';
import { parseAlert } from './parse-alert';
import { sampleAlertBody } from './samples';

describe('sample alert bodies', () => {
  it.each(ALERT_SOURCE_KINDS)('the %s sample parses to one firing alert with a fixed fingerprint', (kind) => {
    const first = parseAlert(kind, JSON.parse(JSON.stringify(sampleAlertBody(kind, '2026-12-01T10:00:00.000Z'))));
    const later = parseAlert(kind, sampleAlertBody(kind, '2026-12-01T11:00:00.000Z'));
    expect(first).toMatchObject({ ok: true });
    if (!first.ok || !later.ok) return;
    expect(first.alerts).toHaveLength(1);
    expect(first.alerts[0]?.status).toBe('firing');
    expect(later.alerts[0]?.fingerprint).toBe(first.alerts[0]?.fingerprint);
  });
});
