/**
 * The advisory blameless check: phrasing that blames people or names them as the cause, with a
 * systems-focused rewording. It never blocks and never rewrites; it points at the words and suggests
 * another way to say them, because a review that hunts for a culprit stops learning.
 *
 * It reads sentences, not meaning, so it leans towards silence: a person is only "the cause" when a
 * name, a pronoun or a role ("the on-call engineer") is the subject of a blaming verb. "The deploy
 * broke production" and "we should add a check" pass; "Rita broke production" and "should've" do not.
 * A capitalised word is taken for a name unless it is a common sentence opener or a tool teams write
 * about (`NOT_NAMES`), so a product missing from that list can still draw a hint: the hint is a
 * suggestion the writer may ignore, which is why a false alarm costs less than a missed one.
 * @see https://codeascraft.com/2012/05/22/blameless-postmortems/
 * @see https://sre.google/sre-book/postmortem-culture/
 */
export interface BlameHint {
  /** The words that triggered the hint, as written. */
  readonly phrase: string;
  readonly why: string;
  /** A blameless way to say it: a sentence to consider, never applied for the writer. */
  readonly suggestion: string;
}

/** A hint with where its words sit in the text, for highlighting. */
export interface BlameMatch extends BlameHint {
  readonly start: number;
  readonly end: number;
}

/** Capitalised words that open sentences or name tools, places and days: never a person. */
const NOT_NAMES = [
  // Openers, determiners, pronouns that are not people.
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'Our', 'We', 'Us', 'Their', 'There', 'Here', 'Then', 'When', 'Where',
  'After', 'Before', 'While', 'Because', 'Since', 'Later', 'Once', 'Finally', 'First', 'Eventually', 'Meanwhile', 'Also', 'And', 'But',
  'Or', 'So', 'If', 'As', 'At', 'By', 'In', 'On', 'Of', 'To', 'For', 'From', 'With', 'Without', 'Nothing', 'Nobody', 'Everything', 'Everyone',
  'Something', 'Someone', 'Somebody', 'Anyone', 'Anybody', 'They', 'Them', 'Each', 'Every', 'All', 'Both', 'Either', 'Neither', 'One', 'Another', 'Which', 'What', 'Who', 'Why', 'How', 'No', 'Not',
  'Most', 'Some', 'Many', 'Several', 'Only', 'Root', 'Cause', 'Impact', 'Summary', 'Action', 'Note', 'Today', 'Yesterday', 'Tonight',
  // What a postmortem's sentences are usually about.
  'Production', 'Prod', 'Staging', 'Login', 'Checkout', 'Search', 'Payments', 'Deploy', 'Deployment', 'Release', 'Config', 'Configuration',
  'Build', 'Database', 'Cache', 'Service', 'Server', 'System', 'Alert', 'Alerting', 'Monitoring', 'Migration', 'Rollback', 'Rollout',
  'Update', 'Upgrade', 'Patch', 'Change', 'Commit', 'Merge', 'Script', 'Job', 'Traffic', 'Load', 'Latency', 'Network', 'Firewall',
  'Certificate', 'Disk', 'Memory', 'Backup', 'Restore', 'Failover', 'Retry', 'Retries', 'Timeout', 'Queue', 'Worker', 'Workers',
  'Pipeline', 'Test', 'Tests', 'Code', 'Bug', 'Feature', 'Flag', 'Customer', 'Customers', 'Users', 'Support', 'Incident', 'Outage',
  'Writes', 'Changes', 'Spikes', 'Caches', 'Updates', 'Releases', 'Messages', 'Processes', 'Instances', 'Databases', 'Services',
  'Nodes', 'Files', 'Races', 'Queues', 'Hosts', 'Team', 'Ops', 'Security', 'Version', 'Step', 'Region', 'Cluster', 'Node', 'Pod', 'Pods', 'Storage', 'Index', 'Query',
  // Days, months and the events named after them ("because of Black Friday traffic").
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May',
  'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Black', 'Cyber', 'Prime', 'Christmas', 'Easter', 'New',
  // Tools and vendors incident reports name as actors ("Kubernetes killed the pods" blames no one).
  'Kubernetes', 'Jenkins', 'Terraform', 'Redis', 'Postgres', 'Kafka', 'Nginx', 'Cloudflare', 'Docker', 'Helm', 'Ansible', 'Puppet',
  'Chef', 'Datadog', 'Slack', 'Linux', 'Java', 'Python', 'Ruby', 'Rails', 'Chrome', 'Safari', 'Firefox', 'Android', 'Windows', 'Azure',
  'Google', 'Amazon', 'Vault', 'Consul', 'Envoy', 'Istio', 'Elasticsearch', 'Cassandra', 'Spark', 'Airflow', 'Sentry', 'Grafana',
  'Prometheus', 'Varnish', 'Akamai', 'Fastly', 'Heroku', 'Vercel', 'Netlify', 'Stripe', 'Twilio', 'Okta', 'Travis', 'Argo', 'Spinnaker',
  'Bamboo', 'Bitbucket', 'Confluence', 'Opsgenie', 'Statuspage', 'Lambda', 'Snowflake', 'Memcached', 'Tomcat', 'Apache', 'Jira',
  'Firebreak', 'Forge', 'Atlassian', 'Renovate', 'Dependabot', 'Copilot', 'Git', 'Gitlab', 'Github', 'Mongo', 'Oracle', 'Salesforce',
  'Zendesk', 'Shopify', 'Celery', 'Sidekiq', 'Nomad', 'Packer', 'Cron', 'Nagios', 'Splunk', 'Zookeeper', 'Etcd', 'Calico', 'Cilium',
];

// ── Building blocks (regular-expression source, composed below) ─────────────────────────────────

/**
 * Capitalised words shaped like things rather than people: "Throttling", "Contention", "Requests",
 * "Retries", "Workers". (Names ending in a vowel and "s", such as James or Marcus, still read as names.)
 */
const THING_SHAPED = String.raw`\p{Lu}\p{Ll}*(?:(?:\p{Ll}{3}ing|tion|sion|ment|ness|ure|ism|ogy)s?|ers|ors|ies|[bcdfgkmprtwyz]s)(?![\p{L}\d])`;
/** "Rita", "O'Brien", "Jean-Luc": a capitalised word that is not in `NOT_NAMES`; all-caps and camelCase words are tools. */
const NAME = String.raw`(?!(?:${NOT_NAMES.join('|')})(?![\p{L}\d]))(?!${THING_SHAPED})\p{Lu}(?:\p{Ll}+|['’]\p{Lu}\p{Ll}+)(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\d])`;
/** One person or a few: "Rita", "Rita Ortiz", "Rita and Bob" (a bounded list, so a long run of names stays linear). */
const NAMES = String.raw`${NAME}(?:\s+${NAME})?(?:(?:,\s*|\s+and\s+)${NAME}(?:\s+${NAME})?){0,3}`;
/** A person by their role: "the on-call engineer", "an intern", "our new developer". */
const ROLE = String.raw`(?:[Tt]he|[Aa]n?|[Oo]ur|[Tt]hat|[Tt]his|[Oo]ne|[Ss]ome)\s+(?:\p{Ll}+(?:-\p{Ll}+)?\s+)?(?:engineers?|developers?|devs?|interns?|on-?call|operators?|admins?|administrators?|DBAs?|SREs?|contractors?|new hires?|guys?|person|employees?|colleagues?|teammates?|reviewers?|testers?|managers?)(?![\p{L}])`;
/** Who can be the subject of a blaming verb. "We" is left out on purpose: the team owning its story is the blameless voice. */
const PERSON = String.raw`(?:${NAMES}|${ROLE}|[Hh]e|[Ss]he|I|[Yy]ou|[Ss]ome(?:one|body))`;
/** Who can be the object of a punishing action: "Retrain Bob", "discipline the intern", "fire him". */
const PERSON_OBJECT = String.raw`(?:${NAMES}|${ROLE}|him|her|them)`;
/** "Bob's", "his": whose fault it was. */
const OWNER = String.raw`(?:${NAME}(?:['’]s|['’])|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Yy]our)`;
/** "accidentally", "just": an adverb between the subject and the verb. */
const ADVERB = String.raw`(?:(?:\p{Ll}+ly|just|then|also|again|even)\s+)?`;
/** Only a sentence's start or a non-letter may come before a match (so "Retrain" is not "train"). */
const START = String.raw`(?<![\p{L}\d'’-])`;
const END = String.raw`(?![\p{L}\d])`;

/** Who did it, when the sentence says ("He messed up"), so the hint quotes the whole phrase; "they" only counts before verbs that only people do. */
const SUBJECT = String.raw`(?:(?:${PERSON}|[Tt]hey)\s+${ADVERB})?`;

/** Verbs that make their subject the cause of damage; with a person as subject they name a culprit. */
const DAMAGE_VERB = String.raw`(?:broke|breaks|has broken|caused|causes|took down|brought down|crashed|killed|nuked|wiped(?: out)?|trashed|wrecked|ruined|blew (?:up|away))`;
/** Verbs of attention: with a person as subject they frame a gap in the system as a lapse. */
const LAPSE_VERB = String.raw`(?:missed|ignored|overlooked|failed to|(?:didn['’]t|did not|never) (?:check|test|verify|read|follow|notice|review|look at|ask|escalate|listen to|think))`;
/** Shipping a change someone calls bad: "pushed a bad config". */
const SHIPPED_BAD = String.raw`(?:pushed|deployed|merged|shipped|committed|applied|ran|released|wrote)\s+(?:a|an|the|some|their|his|her)\s+(?:\p{Ll}+\s+)?(?:bad|wrong|broken|faulty|buggy|untested|incorrect|bogus|dodgy|sloppy)${END}`;

/** Words that turn a phrase around: "no blame", "not human error", "rather than carelessness". */
const NEGATED_BEFORE = /(?:\b(?:no|not|never|without|nobody|none|avoid|avoids|avoiding|rather than|instead of)|n['’]t)[\s-]+(?:[\p{L}'’]+\s+){0,2}$/iu;

interface Pattern {
  readonly test: RegExp;
  readonly why: string;
  /** The suggestion, from the matched words when a better sentence can be made of them. */
  readonly suggestion: (match: RegExpExecArray) => string;
  /** Skip the match when a negation comes just before it ("no blame", "not human error"). */
  readonly negatable?: true;
}

const pattern = (source: string, flags: string, rest: Omit<Pattern, 'test'>): Pattern => ({ test: new RegExp(source, `gu${flags}`), ...rest });

/** "production", "the outage": the object after a damage verb, up to where the clause turns. */
const OBJECT = String.raw`(?<object>(?:\s+(?!(?:when|because|after|before|and|but|while|by|so|which|who|since|during|as|then)${END})[\p{L}\d'’-]+){1,4})?`;

const PATTERNS: readonly Pattern[] = [
  pattern(String.raw`${START}${PERSON}\s+${ADVERB}(?<verb>${DAMAGE_VERB})${END}${OBJECT}`, '', {
    why: 'It names a person as the cause.',
    suggestion: (match) => {
      const object = match.groups?.['object']?.trim();
      const verb = match.groups?.['verb'] ?? 'broke';
      return object === undefined
        ? 'Make the change the subject instead of the person, and say what let it through.'
        : `Make the change the subject: “A change ${verb} ${object}”, then say what let it through.`;
    },
  }),
  pattern(String.raw`${START}${PERSON}\s+${ADVERB}${SHIPPED_BAD}(?:\s+[\p{L}-]+)?`, '', {
    why: 'It names a person as the source of a bad change.',
    suggestion: () => 'Describe the change and what let it through: “A config with an invalid host reached production; nothing validated it.”',
  }),
  pattern(String.raw`${START}${PERSON}\s+${ADVERB}${LAPSE_VERB}${END}`, '', {
    why: 'It frames a gap in the system as a person’s lapse.',
    suggestion: () => 'Say what made it easy to miss: was the signal routed to them, visible, one of many? “The alert went to a channel nobody watched at night.”',
  }),
  pattern(String.raw`${START}(?:${OWNER}\s+(?:own\s+)?(?:fault|mistake|blunder|screw-?up|negligence|carelessness|oversight|error(?!\s+(?:handling|rate|rates|log|logs|message|messages|code|codes|budget|page|path|count|state|response|handler|reporting|tracking)))|fault of ${PERSON_OBJECT}|${PERSON}\s+(?:is|was|were|are)\s+at fault)${END}`, '', {
    why: 'It names a person as the cause.',
    suggestion: () => 'Describe what the system allowed: “The deploy tool accepted a config without validation.”',
    negatable: true,
  }),
  pattern(String.raw`${START}(?:caused|broken|triggered|taken down|brought down) by ${PERSON_OBJECT}(?:['’]s)?${END}|${START}(?:due to|because of) (?:${NAMES}|${ROLE})(?:['’]s(?:\s+[\p{L}-]+)?)?`, '', {
    why: 'It names a person as the cause.',
    suggestion: () => 'Name the change or condition instead: “caused by a config change that skipped validation”.',
    negatable: true,
  }),
  pattern(String.raw`${START}(?<!git\s)(?:blame[ds]?|blaming|to blame|scapegoat(?:s|ed|ing)?|finger-?pointing|point(?:ing|ed)? fingers)${END}`, 'i', {
    why: 'It looks for someone to blame.',
    suggestion: () => 'Say which condition made the failure possible, and what would have caught it.',
    negatable: true,
  }),
  pattern(String.raw`${START}(?:human|operator) error${END}|${START}(?:PEBKAC|PEBCAK|ID10T|layer 8)${END}`, 'i', {
    why: '“Human error” ends the inquiry where it should start.',
    suggestion: () => 'Ask what made the error easy to make and hard to notice: tooling, alerts, load, handover.',
    negatable: true,
  }),
  pattern(
    String.raw`${START}(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppily|sloppiness|lazy(?![\s-]+(?:load|loads|loading|loaded|init|initiali[sz]ation|evaluation|evaluated|import|imports|fetch|fetching))|incompeten(?:t|ce)|stupid|dumb|reckless(?:ly|ness)?|irresponsible|clueless|idiot(?:ic|s)?|moron(?:ic|s)?|rookie (?:mistake|error)|cowboy|asleep at the wheel|(?:not|n['’]t) paying attention)${END}`,
    'i',
    {
      why: 'It judges a person instead of describing what happened.',
      suggestion: () => 'State the action and its context: what they knew, what the tool showed them.',
      negatable: true,
    },
  ),
  pattern(String.raw`${START}${SUBJECT}(?:[Mm]essed up|[Ss]crewed up|[Ff][u*]+cked up|[Bb]otched|[Bb]ungled|[Gg]oofed(?: up)?|[Ff]at[- ]?finger(?:ed|ing)?|[Dd]ropped the ball)${END}`, '', {
    why: 'It passes judgement instead of describing what happened.',
    suggestion: () => 'Say what changed and what state it left: “The migration ran twice and left the index half-built.”',
  }),
  pattern(
    String.raw`${START}(?:should(?:n['’]t| not)? have\s+(?:(?:\p{Ll}+ly|just|never|also|already|at least)\s+)?(?:been(?:\s+\p{Ll}+)?|done|caught|made|gone|run|put|set|read|sent|built|kept|left|told|thought|brought|found|got|held|let|paid|said|spent|understood|hit|seen|taken|given|written|gotten|chosen|broken|spoken|driven|fallen|forgotten|hidden|proven|frozen|known|shown|grown|thrown|drawn|blown|\p{Ll}{2,}(?<!e)ed)|should['’]ve|ought to have|(?:should|ought to) know better|knew better)${END}`,
    'i',
    {
      why: '“Should have” is hindsight: at the time, the right move was not obvious.',
      suggestion: () => 'Describe what they saw at the time and what would make the safer choice the easy one: “Nothing prompted a rollback check.”',
    },
  ),
  pattern(String.raw`${START}${SUBJECT}(?:[Ff]orgot (?:to|about)|[Nn]eglected to|[Dd]idn['’]t bother|[Dd]id not bother|[Cc]ouldn['’]t be bothered|[Dd]idn['’]t care)${END}`, '', {
    why: 'It frames a gap in the system as a person’s failing.',
    suggestion: () => 'Name the missing safeguard: “No check required a second review before the migration.”',
  }),
  pattern(String.raw`${START}(?:[Rr]e-?train|[Dd]iscipline|[Rr]eprimand|[Pp]unish|[Ff]ire|[Ss]ack|[Ww]rite up)\s+${PERSON_OBJECT}${END}(?!['’])`, '', {
    why: 'The action aims at a person, not at what let the failure happen.',
    suggestion: () => 'Aim the action at the system: a check, an alert, a safer default or a clearer runbook.',
  }),
  pattern(String.raw`${START}(?:be more (?:careful|vigilant|attentive|diligent)|pay (?:more|closer) attention|take more care|try harder)${END}`, 'i', {
    why: 'Asking people to be more careful changes nothing the next tired person will meet.',
    suggestion: () => 'Make the safe way the easy way: a guard rail, a confirmation, an automated check.',
  }),
];

/** At most this many hints per text: past a handful, more of them only bury the first. */
const MAX_HINTS = 10;

/**
 * Every blame phrase in a text, in reading order with where it is. Overlapping findings keep the one
 * that starts first (and is longest), so "Bob messed up" is one hint, not two; the same words are
 * pointed at once.
 */
export const findBlameMatches = (text: string): BlameMatch[] => {
  const found: BlameMatch[] = [];
  for (const { test, why, suggestion, negatable } of PATTERNS) {
    test.lastIndex = 0;
    for (let match = test.exec(text); match !== null; match = test.exec(text)) {
      if (match[0] === '') {
        test.lastIndex += 1;
        continue;
      }
      if (negatable === true && NEGATED_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
      found.push({ phrase: match[0].trim(), why, suggestion: suggestion(match), start: match.index, end: match.index + match[0].trimEnd().length });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BlameMatch[] = [];
  for (const hint of found) {
    const last = kept.at(-1);
    if (last !== undefined && hint.start < last.end) continue;
    if (kept.some((earlier) => earlier.phrase.toLowerCase() === hint.phrase.toLowerCase())) continue;
    kept.push(hint);
    if (kept.length === MAX_HINTS) break;
  }
  return kept;
};

/** Every blame phrase found in a text, in reading order. */
export const findBlameHints = (text: string): BlameHint[] => findBlameMatches(text).map(({ phrase, why, suggestion }) => ({ phrase, why, suggestion }));
