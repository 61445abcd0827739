import { describe, expect, it } from 'vitest';

import { ENTITY_PROPERTY_MAX_CHARS } from '../../contract/report.contract';
import { applyReportSave, describeRejection, measureStoredSize } from './report';
import { generateStoredReport } from './testing/report.factory';

const meta = { accountId: 'acc-dev', now: '2026-11-20T09:30:00.000Z' };

describe('applyReportSave', () => {
  it('creates revision 1 from an issue without a report', () => {
    const outcome = applyReportSave(null, { fields: { stepsToReproduce: 'Log in as buyer, open cart' }, baseRevision: 0 }, meta);

    expect(outcome).toEqual({
      ok: true,
      report: {
        schemaVersion: 1,
        revision: 1,
        fields: { stepsToReproduce: 'Log in as buyer, open cart' },
        updatedAt: meta.now,
        updatedBy: 'acc-dev',
      },
    });
  });

  it('increments the revision of an existing report', () => {
    const current = generateStoredReport({ revision: 4 });
    const outcome = applyReportSave(current, { fields: { stepsToReproduce: 'new steps' }, baseRevision: 4 }, meta);

    expect(outcome.ok && outcome.report.revision).toBe(5);
  });

  it('rejects a save based on an older revision and hands back the newer report', () => {
    const current = generateStoredReport({ revision: 3 });
    const outcome = applyReportSave(current, { fields: { stepsToReproduce: 'mine' }, baseRevision: 2 }, meta);

    expect(outcome).toEqual({ ok: false, rejection: { kind: 'conflict', current } });
  });

  it('rejects a first save when someone created the report meanwhile', () => {
    const current = generateStoredReport({ revision: 1 });
    const outcome = applyReportSave(current, { fields: { stepsToReproduce: 'mine' }, baseRevision: 0 }, meta);

    expect(outcome.ok).toBe(false);
  });

  it('rejects a report whose JSON would exceed the entity property limit and names the field', () => {
    const steps = 'x'.repeat(ENTITY_PROPERTY_MAX_CHARS - 50);
    const outcome = applyReportSave(null, { fields: { stepsToReproduce: steps }, baseRevision: 0 }, meta);

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.rejection).toMatchObject({ kind: 'too-large', field: 'stepsToReproduce', limit: ENTITY_PROPERTY_MAX_CHARS });
    expect(describeRejection(outcome.rejection)).toMatch(/^Steps to reproduce is too long/);
  });

  it('accepts a report that fits exactly within the limit', () => {
    const overhead = measureStoredSize({ schemaVersion: 1, revision: 1, fields: { stepsToReproduce: '' }, updatedAt: meta.now, updatedBy: meta.accountId });
    const steps = 'y'.repeat(ENTITY_PROPERTY_MAX_CHARS - overhead);
    const outcome = applyReportSave(null, { fields: { stepsToReproduce: steps }, baseRevision: 0 }, meta);

    expect(outcome.ok).toBe(true);
    expect(outcome.ok && measureStoredSize(outcome.report)).toBe(ENTITY_PROPERTY_MAX_CHARS);
  });

  it('counts escaped characters the way Jira counts the stored JSON', () => {
    const quotes = '"'.repeat(ENTITY_PROPERTY_MAX_CHARS / 2);
    const outcome = applyReportSave(null, { fields: { stepsToReproduce: quotes }, baseRevision: 0 }, meta);

    expect(outcome.ok).toBe(false);
  });
});
