import { describe, expect, it } from 'vitest';

import { transitionLabel, uncoveredClosingTransitions, type WorkflowShape } from './closing-coverage';

const workflow = (transitions: WorkflowShape['transitions']): WorkflowShape => ({
  name: 'Support',
  statuses: [
    { reference: 'a', name: 'Open', category: 'TODO' },
    { reference: 'b', name: 'Fixing', category: 'IN_PROGRESS' },
    { reference: 'c', name: 'Closed', category: 'DONE' },
    { reference: 'd', name: 'Won’t fix', category: 'DONE' },
    { reference: 'e', name: 'Odd', category: null },
  ],
  transitions,
});

describe('uncoveredClosingTransitions', () => {
  const close = { id: '1', name: 'Close', from: ['b'], to: 'c', requiresPostmortem: true };
  it.each([
    ['another transition into a Done status without the rule', [close, { id: '2', name: 'Drop', from: ['a'], to: 'd', requiresPostmortem: false }], ['2']],
    ['one into Done that carries the rule', [close, { id: '2', name: 'Drop', from: ['a'], to: 'd', requiresPostmortem: true }], []],
    ['one into another category', [close, { id: '2', name: 'Start', from: ['a'], to: 'b', requiresPostmortem: false }], []],
    ['a global transition into Done', [close, { id: '2', name: 'Abandon', from: [], to: 'c', requiresPostmortem: false }], ['2']],
    ['one into a status Jira gave no category', [close, { id: '2', name: 'Weird', from: ['a'], to: 'e', requiresPostmortem: false }], []],
    ['one to a status the workflow does not list', [close, { id: '2', name: 'Ghost', from: ['a'], to: 'zzz', requiresPostmortem: false }], []],
  ] as const)('%s', (_case, transitions, expected) => {
    const coverage = uncoveredClosingTransitions(workflow(transitions), '1');
    expect(coverage.kind === 'listed' ? coverage.uncovered.map((transition) => transition.id) : null).toEqual(expected);
  });

  it('knows nothing of a transition the saved workflow lacks, or one into a status without a category', () => {
    expect(uncoveredClosingTransitions(workflow([close]), '9')).toEqual({ kind: 'unknown-transition' });
    expect(uncoveredClosingTransitions(workflow([{ ...close, to: 'e' }]), '1')).toEqual({ kind: 'unknown-transition' });
  });

  it('labels a transition by its name and statuses, a global one from any status', () => {
    const shape = workflow([]);
    expect(transitionLabel(shape, { id: '2', name: 'Drop', from: ['a', 'b'], to: 'd', requiresPostmortem: false })).toBe('Drop: Open or Fixing → Won’t fix');
    expect(transitionLabel(shape, { id: '3', name: 'Abandon', from: [], to: 'c', requiresPostmortem: false })).toBe('Abandon: Any status → Closed');
    expect(transitionLabel(shape, { id: '4', name: '<b>x</b>', from: ['zzz'], to: 'c', requiresPostmortem: false })).toBe('<b>x</b>: an unnamed status → Closed');
  });
});
