import { gadgetConfigurationSchema } from '@contract/capacity.contract';
import { describe, expect, it } from 'vitest';

import { DEFAULT_GADGET_SETTINGS, configurationToCompute, readGadgetConfiguration } from './capacity';

const valid = { boardId: 7, ...DEFAULT_GADGET_SETTINGS };

describe('the gadget’s defaults', () => {
  it('are a configuration the contract accepts once a board is chosen', () => {
    expect(gadgetConfigurationSchema.safeParse(valid).success).toBe(true);
  });
});

describe('readGadgetConfiguration', () => {
  it('reads a new gadget’s empty configuration as the defaults without a board', () => {
    expect(readGadgetConfiguration({})).toEqual({ boardId: null, settings: DEFAULT_GADGET_SETTINGS, damaged: false });
    expect(readGadgetConfiguration(undefined)).toEqual({ boardId: null, settings: DEFAULT_GADGET_SETTINGS, damaged: false });
    expect(configurationToCompute(readGadgetConfiguration({}))).toBeNull();
  });

  it('reads back every configuration the contract accepts, unchanged', () => {
    const saved = { boardId: 3, sprint: 41, measure: 'points', trendSprints: 12, planningSprints: 1, criteria: { kinds: ['incident'], classesOfService: [], issueTypes: ['Bug'], labels: ['ops'] } };
    expect(gadgetConfigurationSchema.safeParse(saved).success).toBe(true);
    expect(configurationToCompute(readGadgetConfiguration(saved))).toEqual(saved);
    expect(readGadgetConfiguration(saved).damaged).toBe(false);
  });

  it('keeps what it can read of a damaged configuration and says so', () => {
    const read = readGadgetConfiguration({ boardId: 3, sprint: 'latest', measure: 'money', trendSprints: 40, planningSprints: 2.5, criteria: { kinds: ['outage'] } });
    expect(read).toEqual({ boardId: 3, settings: DEFAULT_GADGET_SETTINGS, damaged: true });
    expect(gadgetConfigurationSchema.safeParse(configurationToCompute(read)).success).toBe(true);
  });

  it('treats a board id that is not a positive whole number as no board', () => {
    expect(readGadgetConfiguration({ boardId: '3' })).toMatchObject({ boardId: null, damaged: true });
    expect(readGadgetConfiguration({ boardId: 0 })).toMatchObject({ boardId: null, damaged: true });
  });
});
