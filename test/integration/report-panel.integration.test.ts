import { beforeEach, describe, expect, it } from 'vitest';

import { Sandbox } from '../../sandbox/sandbox';
import { pickActors, type Actors } from '../support/actors';
import { invokeAs, storedReportProperty, worldFingerprint } from '../support/sandbox-harness';

let sandbox: Sandbox;
let cast: Actors;

beforeEach(async () => {
  sandbox = await Sandbox.create({ scenario: 'minimal' });
  cast = pickActors(sandbox.scenario);
});

describe('report/get', () => {
  it('answers an empty report that the editor may edit', async () => {
    const result = await invokeAs(sandbox, cast.editor, 'report/get', { issueKey: cast.issueKey });

    expect(result).toEqual({ ok: true, data: { issueKey: cast.issueKey, report: null, canEdit: true } });
  });

  it('refuses a user who may not browse the project, without saying whether the issue exists', async () => {
    const result = await invokeAs(sandbox, cast.outsider, 'report/get', { issueKey: cast.issueKey });

    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!result.ok) expect(result.error.message).toMatch(/don't have access to issue .* or it doesn't exist/);
  });

  it('refuses an invocation without a signed-in principal', async () => {
    const result = await invokeAs(sandbox, undefined, 'report/get', { issueKey: cast.issueKey });

    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('report/save', () => {
  it('stores the report as the issue entity property, as the signed-in user', async () => {
    const result = await invokeAs(sandbox, cast.editor, 'report/save', {
      issueKey: cast.issueKey,
      fields: { stepsToReproduce: '1. Log in as buyer\n2. Pay with a saved card' },
      baseRevision: 0,
    });

    expect(result).toMatchObject({ ok: true, data: { report: { revision: 1, updatedBy: cast.editor } } });
    expect(await storedReportProperty(sandbox, cast.issueKey)).toMatchObject({
      schemaVersion: 1,
      revision: 1,
      fields: { stepsToReproduce: '1. Log in as buyer\n2. Pay with a saved card' },
      updatedBy: cast.editor,
    });
  });

  it('reads back what was saved', async () => {
    await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'Steps A' }, baseRevision: 0 });

    const result = await invokeAs(sandbox, cast.editor, 'report/get', { issueKey: cast.issueKey });

    expect(result).toMatchObject({ ok: true, data: { report: { revision: 1, fields: { stepsToReproduce: 'Steps A' } } } });
  });

  it('tells the second of two concurrent editors that the report changed, and keeps the first save', async () => {
    await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'First editor' }, baseRevision: 0 });

    const second = await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'Second editor' }, baseRevision: 0 });

    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await storedReportProperty(sandbox, cast.issueKey)).toMatchObject({ revision: 1, fields: { stepsToReproduce: 'First editor' } });
  });

  it('refuses a user who may browse but not edit, and stores nothing', async () => {
    if (cast.viewer === undefined) throw new Error('The minimal scenario must have a browse-only user.');
    const before = worldFingerprint(sandbox);

    const result = await invokeAs(sandbox, cast.viewer, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'x' }, baseRevision: 0 });

    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!result.ok) expect(result.error.message).toContain('Edit issues');
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('rejects a report too long for a Jira property, names the field, and stores nothing', async () => {
    const before = worldFingerprint(sandbox);

    const result = await invokeAs(sandbox, cast.editor, 'report/save', {
      issueKey: cast.issueKey,
      fields: { stepsToReproduce: 'z'.repeat(32_700) },
      baseRevision: 0,
    });

    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', field: 'fields.stepsToReproduce' } });
    if (!result.ok) expect(result.error.message).toMatch(/^Steps to reproduce is too long/);
    expect(worldFingerprint(sandbox)).toBe(before);
  });

  it('rejects a wrongly typed field with a clear message', async () => {
    const result = await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 42 }, baseRevision: 0 });

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'fields.stepsToReproduce' } });
  });

  it('retries a 429 from Jira after Retry-After and saves once', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: '/properties/', kind: '429', retryAfterSeconds: 1, times: 1 });

    const result = await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'after 429' }, baseRevision: 0 });

    expect(result).toMatchObject({ ok: true, data: { report: { revision: 1 } } });
    expect(sandbox.jira.metering.snapshot().byOperation['PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}']?.calls).toBe(2);
  });

  it('gives up on a Jira that keeps failing, says so, and leaves nothing half-written', async () => {
    sandbox.jira.faults.add({ method: 'PUT', pathPattern: '/properties/', kind: '500' });
    const before = worldFingerprint(sandbox);

    const result = await invokeAs(sandbox, cast.editor, 'report/save', { issueKey: cast.issueKey, fields: { stepsToReproduce: 'during outage' }, baseRevision: 0 });

    expect(result).toMatchObject({ ok: false, error: { code: 'JIRA_UNAVAILABLE' } });
    if (!result.ok) expect(result.error.message).toContain('Nothing was changed');
    expect(worldFingerprint(sandbox)).toBe(before);
  }, 30_000);
});
