import { gadgetConfigurationSchema } from '@contract/capacity.contract';
import { DEFAULT_SUPPORT_CRITERIA } from '@contract/capacity.values';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GADGET_SETTINGS, readGadgetConfiguration } from '../../shared/capacity';
import { FORM_COPY, type GadgetDraft, boardLabel, checkDraft, draftOf, splitList, sprintOptions, toggle } from './gadget-form';

const newDraft = (overrides: Partial<GadgetDraft> = {}): GadgetDraft => ({ ...draftOf(readGadgetConfiguration({})), ...overrides });

describe('draftOf', () => {
  it('starts a new gadget from the defaults, without a board, on the project’s criteria', () => {
    expect(newDraft()).toEqual({
      boardId: null,
      sprint: 'active',
      measure: 'time',
      trendSprints: '6',
      planningSprints: '3',
      criteriaMode: 'defaults',
      kinds: DEFAULT_SUPPORT_CRITERIA.kinds,
      classesOfService: DEFAULT_SUPPORT_CRITERIA.classesOfService,
      issueTypes: 'Incident, Support request',
      labels: 'production-support',
      jql: '',
    });
  });

  it('.payload: saves a typed JQL clause trimmed as criteria.jql, and leaves it out when empty', () => {
    const custom = newDraft({ boardId: 7, criteriaMode: 'custom' });
    const withJql = checkDraft({ ...custom, jql: '  component = "Ops" ' });
    expect(withJql).toMatchObject({ ok: true, config: { criteria: { jql: 'component = "Ops"' } } });
    expect(withJql.ok && gadgetConfigurationSchema.safeParse(withJql.config).success).toBe(true);
    const without = checkDraft({ ...custom, jql: '   ' });
    expect(without.ok && without.config.criteria !== null && 'jql' in without.config.criteria).toBe(false);
  });

  it('round-trips a saved JQL clause', () => {
    const saved = { boardId: 4, sprint: 'active', measure: 'time', trendSprints: 6, planningSprints: 3, criteria: { kinds: [], classesOfService: [], issueTypes: [], labels: [], jql: 'component = "Ops"' } };
    expect(draftOf(readGadgetConfiguration(saved)).jql).toBe('component = "Ops"');
    expect(checkDraft(draftOf(readGadgetConfiguration(saved)))).toEqual({ ok: true, config: saved });
  });

  it('round-trips a saved configuration unchanged, criteria included', () => {
    const saved = { boardId: 4, sprint: 12, measure: 'count', trendSprints: 8, planningSprints: 2, criteria: { kinds: ['defect'], classesOfService: ['emergency'], issueTypes: ['Bug', 'Incident'], labels: ['ops', 'p1'] } };
    expect(checkDraft(draftOf(readGadgetConfiguration(saved)))).toEqual({ ok: true, config: saved });
  });
});

describe('checkDraft', () => {
  it('.payload: submits exactly what the contract accepts, with null criteria for the project’s defaults', () => {
    const checked = checkDraft(newDraft({ boardId: 7 }));
    expect(checked).toEqual({ ok: true, config: { boardId: 7, ...DEFAULT_GADGET_SETTINGS } });
    expect(checked.ok && gadgetConfigurationSchema.safeParse(checked.config).success).toBe(true);
  });

  it('asks for a board and numbers in range, all at once', () => {
    expect(checkDraft(newDraft({ trendSprints: '1', planningSprints: '7' }))).toEqual({
      ok: false,
      errors: { boardId: FORM_COPY.noBoard, trendSprints: FORM_COPY.trendSprints, planningSprints: FORM_COPY.planningSprints },
    });
  });

  it.each(['', ' ', '2.5', '-3', '1e1', 'six', '13'])('refuses %j sprints in the trend', (text) => {
    expect(checkDraft(newDraft({ boardId: 7, trendSprints: text }))).toMatchObject({ ok: false, errors: { trendSprints: FORM_COPY.trendSprints } });
  });

  it('accepts the bounds, with spaces around them', () => {
    expect(checkDraft(newDraft({ boardId: 7, trendSprints: ' 12 ', planningSprints: '1' }))).toMatchObject({ ok: true, config: { trendSprints: 12, planningSprints: 1 } });
    expect(checkDraft(newDraft({ boardId: 7, trendSprints: '2', planningSprints: '6' }))).toMatchObject({ ok: true, config: { trendSprints: 2, planningSprints: 6 } });
  });

  it('saves the gadget’s own criteria as lists the contract accepts', () => {
    const checked = checkDraft(newDraft({ boardId: 7, criteriaMode: 'custom', kinds: [], classesOfService: ['emergency'], issueTypes: ' Bug,, incident ,Bug', labels: 'ops, hotfix' }));
    expect(checked).toMatchObject({ ok: true, config: { criteria: { kinds: [], classesOfService: ['emergency'], issueTypes: ['Bug', 'incident'], labels: ['ops', 'hotfix'] } } });
    expect(checked.ok && gadgetConfigurationSchema.safeParse(checked.config).success).toBe(true);
  });

  it('refuses criteria that count nothing, labels with spaces and too many issue types', () => {
    expect(checkDraft(newDraft({ boardId: 7, criteriaMode: 'custom', kinds: [], classesOfService: [], issueTypes: ' , ', labels: '' }))).toEqual({ ok: false, errors: { criteria: FORM_COPY.noCriteria } });
    expect(checkDraft(newDraft({ boardId: 7, criteriaMode: 'custom', labels: 'prod support' }))).toEqual({ ok: false, errors: { labels: FORM_COPY.labelSpaces } });
    const many = Array.from({ length: 21 }, (_, i) => `Type ${String(i)}`).join(',');
    expect(checkDraft(newDraft({ boardId: 7, criteriaMode: 'custom', issueTypes: many }))).toEqual({ ok: false, errors: { issueTypes: FORM_COPY.issueTypesTooMany } });
    expect(checkDraft(newDraft({ boardId: 7, criteriaMode: 'custom', issueTypes: 'x'.repeat(61) }))).toEqual({ ok: false, errors: { issueTypes: FORM_COPY.issueTypeTooLong } });
  });

  it('ignores the hidden custom fields while the project’s defaults are chosen', () => {
    expect(checkDraft(newDraft({ boardId: 7, criteriaMode: 'defaults', labels: 'has space' }))).toMatchObject({ ok: true, config: { criteria: null } });
  });
});

describe('splitList and toggle', () => {
  it('splits comma-separated text into trimmed, distinct items', () => {
    expect(splitList('Bug, bug ,Incident,,  ')).toEqual(['Bug', 'Incident']);
    expect(splitList('')).toEqual([]);
  });

  it('toggles an id and keeps the canonical order', () => {
    const all = ['a', 'b', 'c'] as const;
    expect(toggle(['c'], 'a', true, all)).toEqual(['a', 'c']);
    expect(toggle(['a', 'c'], 'a', false, all)).toEqual(['c']);
  });
});

describe('sprintOptions', () => {
  const sprints = [
    { id: 1, name: 'Sprint 1', state: 'closed', startDate: '2025-09-01T00:00:00.000Z' },
    { id: 3, name: 'Sprint 3', state: 'future', startDate: null },
    { id: 2, name: 'Sprint 2', state: 'active', startDate: '2025-09-15T00:00:00.000Z' },
  ];

  it('lists the newest first, future sprints on top, each with its state', () => {
    expect(sprintOptions(sprints, 'active')).toEqual([
      { value: '3', label: 'Sprint 3 (planned)' },
      { value: '2', label: 'Sprint 2 (active)' },
      { value: '1', label: 'Sprint 1 (closed)' },
    ]);
  });

  it('keeps a saved sprint the board no longer lists', () => {
    expect(sprintOptions(sprints, 9)[0]).toEqual({ value: '9', label: 'Sprint 9 (no longer on this board)' });
    expect(sprintOptions(sprints, 2)).toHaveLength(3);
  });

  it('names a board with its project key when it has one', () => {
    expect(boardLabel({ name: 'SHOP board', projectKey: 'SHOP' })).toBe('SHOP board (SHOP)');
    expect(boardLabel({ name: 'Cross-team', projectKey: null })).toBe('Cross-team');
  });
});
