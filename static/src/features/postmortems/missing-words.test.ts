import { describe, expect, it } from 'vitest';

import { missingWords } from './postmortem-list';

describe('missingWords', () => {
  it.each([
    [['Critical', 'Major'], 'Critical or Major incidents without a postmortem', 'Every Critical or Major incident has a postmortem.'],
    [['Sev1'], 'Sev1 incidents without a postmortem', 'Every Sev1 incident has a postmortem.'],
    [['P0', 'P1', 'P2'], 'P0, P1 or P2 incidents without a postmortem', 'Every P0, P1 or P2 incident has a postmortem.'],
  ])('names the levels that require a postmortem: %j', (levels, heading, allCovered) => {
    expect(missingWords(levels)).toMatchObject({ heading, allCovered });
  });

  it('says so when no level requires one, rather than naming levels the scale does not have', () => {
    expect(missingWords([])).toEqual({
      heading: 'Incidents that need a postmortem',
      allCovered: 'No level of this project’s severity policy requires a postmortem.',
      startHint: 'Start one from an incident’s Production report panel.',
    });
  });
});
