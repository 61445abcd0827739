import { describe, expect, it } from 'vitest';

import { ENTITY_PROPERTY_MAX_CHARS as PROPERTY_MAX_CHARS } from '@contract/report.values';
import { generateView } from '../../shared/testing/report-view.factory';
import { describeCharacterCount, describeUpdater, describeWaiting } from './report-copy';

describe('describeCharacterCount', () => {
  it('stays hidden well below the limit', () => {
    expect(describeCharacterCount(120).visible).toBe(false);
  });

  it('appears near the limit with thousands separators', () => {
    expect(describeCharacterCount(30_000)).toEqual({ visible: true, over: false, text: '30,000 of 32,768 characters' });
  });

  it('says by how much the text is over the limit', () => {
    expect(describeCharacterCount(32_800)).toEqual({ visible: true, over: true, text: '32,800 of 32,768 characters: 32 over the limit' });
  });

  it('counts exactly the limit as within it', () => {
    expect(describeCharacterCount(PROPERTY_MAX_CHARS).over).toBe(false);
  });
});

describe('describeUpdater', () => {
  it('says "you" for the viewer and names the reporter, the assignee and anyone the view has a name for', () => {
    const view = generateView({ names: { 'acc-oncall': 'Devon Park' } });
    expect(describeUpdater('acc-triager', view)).toBe('you');
    expect(describeUpdater('acc-reporter', view)).toBe('Rita Reporter');
    expect(describeUpdater('acc-oncall', view)).toBe('Devon Park');
  });

  it('says "another user" for someone Jira gave no name for, never a raw account ID', () => {
    expect(describeUpdater('acc-someone', generateView())).toBe('another user');
  });
});

describe('describeWaiting', () => {
  it('tells everyone what the reporter was asked for', () => {
    expect(describeWaiting('Nov 25, 2025', ['Environment is empty. Say which environment.', 'Pick the severity.'], false)).toEqual({
      title: 'Waiting for the reporter',
      intro: 'Sent back to the reporter on Nov 25, 2025, asking for:',
      items: ['Environment is empty. Say which environment.', 'Pick the severity.'],
      outro: 'When the reporter completes the report, it returns to triage.',
    });
  });

  it('addresses the reporter directly', () => {
    expect(describeWaiting('Nov 25, 2025', [], true).title).toBe('You were asked for more information');
  });
});
