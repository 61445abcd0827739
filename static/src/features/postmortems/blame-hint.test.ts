import { describe, expect, it } from 'vitest';

import { blameHintLines } from './blame-hint';

describe('blameHintLines', () => {
  it('says which words read as blame, why, and a blameless way to say it', () => {
    expect(blameHintLines('Rita broke production', 'Rita broke production')).toEqual([
      {
        phrase: 'Rita broke production',
        sentence: '“Rita broke production”: It names a person as the cause. Make the change the subject: “A change broke production”, then say what let it through.',
      },
    ]);
  });

  it('waits for the pause before showing a new hint', () => {
    expect(blameHintLines('Retrain Bob, who was careless', 'Retrain')).toEqual([]);
  });

  it('drops a hint as soon as its words are reworded, before the pause', () => {
    expect(blameHintLines('A config change broke production', 'Rita broke production')).toEqual([]);
  });

  it('keeps the hints that are still true while the rest of the text changes', () => {
    expect(blameHintLines('Retrain Bob, who was careless about', 'Retrain Bob, who was careless').map((line) => line.phrase)).toEqual(['Retrain Bob', 'careless']);
  });

  it('shows nothing for blameless or empty text', () => {
    expect(blameHintLines('The deploy broke production', 'The deploy broke production')).toEqual([]);
    expect(blameHintLines('', '')).toEqual([]);
  });
});
