import { describe, expect, it } from 'vitest';

import { findBlameHints, findBlameMatches } from './blameless';
import { blameHintsFor } from './postmortem';
import { generatePostmortem } from './testing/postmortem.factory';

const phrasesIn = (text: string): string[] => findBlameHints(text).map((hint) => hint.phrase);

describe('findBlameHints: blame phrasing it points at', () => {
  it.each([
    // A person as the subject of a damaging verb.
    ['Rita broke production.', 'Rita broke production'],
    ['Login failed because Rita pushed a bad config.', 'Rita pushed a bad config'],
    ['Then Bob accidentally took down the checkout service.', 'Bob accidentally took down the checkout service'],
    ['The on-call engineer missed the page.', 'The on-call engineer missed'],
    ['An intern wiped the staging database.', 'An intern wiped the staging database'],
    ['She caused the outage when she restarted the wrong node.', 'She caused the outage'],
    ['Rita and Bob broke the build.', 'Rita and Bob broke the build'],
    ['I broke it.', 'I broke it'],
    ['Jean-Luc ignored the disk alert.', 'Jean-Luc ignored'],
    ['He didn’t check the dashboard before deploying.', 'He didn’t check'],
    ['Someone failed to renew the certificate.', 'Someone failed to'],
    // Whose fault it was.
    ['It was Bob’s fault.', 'Bob’s fault'],
    ["It was Bob's fault.", "Bob's fault"],
    ['This was his mistake.', 'his mistake'],
    ['The outage was caused by Rita.', 'caused by Rita'],
    ['Login broke due to Bob’s change.', 'due to Bob’s change'],
    ['Dave was at fault.', 'Dave was at fault'],
    ['We need to find who is to blame.', 'to blame'],
    ['Ops blamed the database team.', 'blamed'],
    // Judging a person.
    ['Retrain Bob, who was careless.', 'Retrain Bob'],
    ['Retrain Bob, who was careless.', 'careless'],
    ['The rollout was sloppy.', 'sloppy'],
    ['An incompetent change review let it through.', 'incompetent'],
    ['That was a rookie mistake.', 'rookie mistake'],
    ['The engineer was not paying attention.', 'not paying attention'],
    ['Reckless deploys on a Friday.', 'Reckless'],
    // Loaded verbs, with or without a subject.
    ['Bob messed up the migration.', 'Bob messed up'],
    ['Somebody screwed up the DNS record.', 'Somebody screwed up'],
    ['The release team dropped the ball.', 'dropped the ball'],
    ['They forgot to rotate the key.', 'They forgot to'],
    ['Nobody bothered: he didn’t bother to read the runbook.', 'he didn’t bother'],
    ['She fat-fingered the command.', 'She fat-fingered'],
    // Hindsight.
    ['Ops should have checked the dashboard.', 'should have checked'],
    ['He should’ve known.', 'should’ve'],
    ["She should've rolled back.", "should've"],
    ['He shouldn’t have deployed on a Friday.', 'shouldn’t have deployed'],
    ['The error should have been caught in review.', 'should have been caught'],
    ['They should not have skipped the canary.', 'should not have skipped'],
    ['Anyone should know better than that.', 'should know better'],
    // "Human error" and its cousins.
    ['Root cause: human error.', 'human error'],
    ['Operator error during the failover.', 'Operator error'],
    // Actions aimed at people.
    ['Discipline the on-call engineer.', 'Discipline the on-call engineer'],
    ['Engineers must be more careful with migrations.', 'be more careful'],
    ['Pay closer attention to alerts.', 'Pay closer attention'],
  ])('flags “%s” at “%s”', (text, phrase) => {
    expect(phrasesIn(text)).toContain(phrase);
  });
});

describe('findBlameHints: blameless writing it leaves alone', () => {
  it.each([
    'The deploy broke production.',
    'The config was wrong.',
    'We should add a check before the migration runs.',
    'We should have a runbook for certificate renewal.',
    'We should have alerts on disk usage.',
    'Each region should have seven replicas.',
    'Kubernetes killed the pods when they ran out of memory.',
    'Throttling caused the checkout errors.',
    'Requests crashed the search cluster.',
    'Retries took down the database.',
    'The health check failed to detect the stuck worker.',
    'The culprit was a race between two cache writers.',
    'Lazy loading broke the settings page.',
    'The lazy-loaded module failed to load.',
    'This is a no-blame review.',
    'Nobody is to blame; the tool allowed it.',
    'We do not blame individuals.',
    'It was not human error: the form accepted an empty value.',
    'git blame shows the line changed in 2019.',
    'Traffic spiked because of Black Friday.',
    'Rita rolled back the deploy at 14:02 and errors dropped.',
    'Bob noticed the error rate and paged the database team.',
    'Rita’s error handling change shipped on Monday.',
    'The error rate rose to 12%.',
    'Train the team on the new deploy tool.',
    'Add a fault-injection test for the failover path.',
    'A network fault isolated one zone.',
    'The migration was careful to lock one table at a time.',
    'Retrain the model on last month’s data.',
    'Warn the on-call engineer when the disk is 80% full.',
    'Fire the webhook again after the retry window.',
    'Sam owns the follow-up and is responsible for the new alert.',
    'We forget nothing: the checklist is enforced by the pipeline.',
    'Postgres took down the replica during vacuum.',
    'The blameless review found three gaps.',
    'Thanks to Rita, recovery took ten minutes.',
    'A more careful rollout process: canary first, then 10%.',
    '',
  ])('accepts “%s”', (text) => {
    expect(phrasesIn(text)).toEqual([]);
  });
});

describe('findBlameHints: hostile and awkward input', () => {
  // Catastrophic backtracking would show as this test hitting the runner's timeout, not as a wrong answer.
  it.each([
    ['a long run of names', 'Aaaa, Bbbb and Cccc, '.repeat(500)],
    ['a long run of capitalised words', 'Aaaa Bbbb Cccc '.repeat(700)],
    ['repeated openings', 'should have '.repeat(900)],
  ])('reads %s at the length limit without a hint', (_, text) => {
    expect(findBlameHints(`${text}.`)).toEqual([]);
  });

  it('treats markup and quotes as plain text', () => {
    expect(phrasesIn('<b>Rita</b> broke production')).toEqual([]);
    expect(phrasesIn('“Rita broke production,” said the pager.')).toEqual(['Rita broke production']);
  });

  it('points at each wording once, in reading order, with where it is', () => {
    const text = 'Bob messed up. Later Bob messed up again, and it was human error.';
    const matches = findBlameMatches(text);

    expect(matches.map((match) => match.phrase)).toEqual(['Bob messed up', 'human error']);
    expect(text.slice(matches[1]?.start, matches[1]?.end)).toBe('human error');
  });

  it('makes one hint of overlapping findings', () => {
    expect(phrasesIn('Rita messed up and dropped the ball.')).toEqual(['Rita messed up', 'dropped the ball']);
  });

  it('caps the hints for one text', () => {
    const text = Array.from({ length: 30 }, (_, n) => `Person${String.fromCharCode(97 + (n % 26))}x broke service ${String(n)}.`).join(' ');

    expect(findBlameHints(text).length).toBeLessThanOrEqual(10);
  });
});

describe('findBlameHints: suggestions', () => {
  it('turns a person-as-cause sentence around, without rewriting the text', () => {
    const [hint] = findBlameHints('Rita broke production.');

    expect(hint?.suggestion).toBe('Make the change the subject: “A change broke production”, then say what let it through.');
  });

  it('gives every hint a reason and a suggestion sentence', () => {
    for (const hint of findBlameHints('Bob’s fault. He should’ve known. Retrain Bob, who was careless. Human error. Bob messed up; he forgot to check.')) {
      expect(hint.why).toMatch(/\.$/);
      expect(hint.suggestion).toMatch(/[.”]$/);
    }
  });
});

describe('blameHintsFor: every text a person writes', () => {
  it('reads action and remediation titles and manual timeline entries, as well as the prose', () => {
    const base = generatePostmortem();
    const postmortem = generatePostmortem({
      summary: 'Rita broke production.',
      timeline: [
        ...base.timeline,
        { id: 't9', at: '2026-11-20T14:30:00.000Z', who: 'Devon', kind: 'manual', issueKey: null, text: 'Bob messed up the rollback', hidden: false, note: '' },
        // Text Jira wrote (a comment) is the incident's record, not the postmortem's wording: only its note is ours.
        { id: 't10', at: '2026-11-20T14:31:00.000Z', who: 'acc-rita-support', kind: 'comment', issueKey: 'SHOP-155', text: 'human error again?', hidden: false, note: 'It was Bob’s fault.' },
      ],
      actions: [{ ...base.actions[0]!, title: 'Retrain Bob, who was careless' }],
      remediation: [{ ...base.remediation[0]!, title: 'Tell support he should’ve known' }],
    });

    expect(blameHintsFor(postmortem).map((hint) => [hint.where, hint.phrase])).toEqual([
      ['Summary', 'Rita broke production'],
      ['Timeline note (2026-11-20 14:31)', 'Bob’s fault'],
      ['Timeline entry (2026-11-20 14:30)', 'Bob messed up'],
      ['Action 1', 'Retrain Bob'],
      ['Action 1', 'careless'],
      ['Remediation 1', 'should’ve'],
    ]);
  });

  it('finds nothing in a blameless postmortem', () => {
    expect(blameHintsFor(generatePostmortem())).toEqual([]);
  });
});
