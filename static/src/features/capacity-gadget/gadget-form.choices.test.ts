/**
 * Issue 14, item 7: what the editor offers. A Kanban board is said to need a Scrum board before
 * anything reaches Jira; a future sprint is offered as planned; "Use the project's defaults" shows
 * what those defaults are, by name.
 */
import { gadgetConfigurationSchema } from '@contract/capacity.contract';
import { DEFAULT_SUPPORT_CRITERIA } from '@contract/capacity.values';
import { describe, expect, it } from 'vitest';

import { readGadgetConfiguration } from '../../shared/capacity';
import { FORM_COPY, type GadgetDraft, boardOptionLabel, checkDraft, criteriaSummary, draftOf, needsScrumBoard, sprintListFailure, sprintOptions } from './gadget-form';

const draft = (overrides: Partial<GadgetDraft> = {}): GadgetDraft => ({ ...draftOf(readGadgetConfiguration({})), boardId: 7, ...overrides });

describe('boards without sprints', () => {
  it('marks a Kanban board in the picker, and only a Kanban board', () => {
    expect(boardOptionLabel({ name: 'Ops flow', projectKey: 'OPS', type: 'kanban' })).toBe('Ops flow (OPS) – Kanban, no sprints');
    expect(boardOptionLabel({ name: 'Shop team', projectKey: 'SHOP', type: 'scrum' })).toBe('Shop team (SHOP)');
    // The figures are computed for Scrum boards only: a team-managed board is said so too.
    expect(boardOptionLabel({ name: 'Web', projectKey: 'WEB', type: 'simple' })).toBe('Web (WEB) – not a Scrum board');
    expect(needsScrumBoard({ type: 'kanban' })).toBe(true);
    expect(needsScrumBoard({ type: 'scrum' })).toBe(false);
    expect(needsScrumBoard({ type: 'simple' })).toBe(true);
    expect(needsScrumBoard(undefined)).toBe(false);
  });

  it('refuses to save a Kanban board, with a sentence that says what to choose', () => {
    expect(checkDraft(draft(), { boardType: 'kanban' })).toEqual({ ok: false, errors: { boardId: FORM_COPY.kanbanBoard } });
    expect(FORM_COPY.kanbanBoard).toBe('This is a Kanban board, which has no sprints: the share of a sprint needs a Scrum board. Choose a Scrum board.');
    expect(checkDraft(draft(), { boardType: 'simple' })).toEqual({ ok: false, errors: { boardId: FORM_COPY.notScrumBoard } });
  });

  it('.payload: saves a Scrum board, and a board whose type is not known yet', () => {
    for (const boardType of ['scrum', undefined] as const) {
      const checked = checkDraft(draft(), { boardType });
      expect(checked.ok && gadgetConfigurationSchema.safeParse(checked.config).success).toBe(true);
    }
  });
});

describe('future sprints', () => {
  const sprints = [
    { id: 5, name: 'SHOP Sprint 5', state: 'closed', startDate: '2025-09-01T00:00:00.000Z' },
    { id: 6, name: 'SHOP Sprint 6', state: 'active', startDate: '2025-09-15T00:00:00.000Z' },
    { id: 7, name: 'SHOP Sprint 7', state: 'future', startDate: null },
  ];

  it('offers a future sprint as planned, on top', () => {
    expect(sprintOptions(sprints, 'active')).toEqual([
      { value: '7', label: 'SHOP Sprint 7 (planned)' },
      { value: '6', label: 'SHOP Sprint 6 (active)' },
      { value: '5', label: 'SHOP Sprint 5 (closed)' },
    ]);
  });

  it('.payload: a chosen future sprint saves as its id, not as "no longer on this board"', () => {
    const options = sprintOptions(sprints, 7);
    expect(options.filter((option) => option.value === '7')).toEqual([{ value: '7', label: 'SHOP Sprint 7 (planned)' }]);
    expect(checkDraft(draft({ sprint: 7 }))).toMatchObject({ ok: true, config: { sprint: 7 } });
  });
});

describe('criteriaSummary: the project’s defaults by name', () => {
  it('names every criterion that counts, in the form’s order', () => {
    expect(criteriaSummary({ ...DEFAULT_SUPPORT_CRITERIA, jql: 'component = "Ops"' })).toEqual([
      { label: 'Kinds', value: 'Incident, Defect, Support request' },
      { label: 'Classes of service', value: 'Emergency, Bug: as soon as possible, Support request' },
      { label: 'Issue types', value: 'Incident, Support request' },
      { label: 'Labels', value: 'production-support' },
      { label: 'JQL', value: 'component = "Ops"' },
    ]);
  });

  it('leaves out what is not set', () => {
    expect(criteriaSummary({ kinds: [], classesOfService: [], issueTypes: ['Bug'], labels: [] })).toEqual([{ label: 'Issue types', value: 'Bug' }]);
  });

  it('shows a kind the UI does not know by its id rather than dropping it', () => {
    expect(criteriaSummary({ kinds: ['incident', 'chore' as 'incident'], classesOfService: [], issueTypes: [], labels: [] })).toEqual([{ label: 'Kinds', value: 'Incident, chore' }]);
  });
});

describe('sprintListFailure', () => {
  it('says a board Jira refuses to list sprints for has none, instead of a "rejected change"', () => {
    expect(sprintListFailure({ code: 'INVALID_INPUT', message: 'Jira rejected the change: The board does not support sprints.' })).toBe(
      'This board has no sprints (Jira says it does not support them): the share of a sprint needs a Scrum board, or a team-managed board with sprints switched on.',
    );
  });

  it('keeps any other failure’s own sentence', () => {
    expect(sprintListFailure({ code: 'JIRA_UNAVAILABLE', message: 'Jira did not answer in time. Try again.' })).toBe('The board’s sprints could not be listed: Jira did not answer in time. Try again.');
  });
});
