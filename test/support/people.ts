/**
 * The demo scenario's people (`sandbox/scenarios/demo.json`), named once so a test says who acts
 * rather than which id. Each line says the role the tests rely on; the scenario file is the truth
 * for their permissions.
 */
export const people: Readonly<Record<'rita' | 'devon' | 'mia' | 'sam' | 'ada' | 'otto' | 'liam', string>> = {
  /** Rita Reyes, support agent: files production reports in SHOP (and edits OPS and MOB). */
  rita: 'acc-rita-support',
  /** Devon Park, developer and on-call triager: decides severity, sends back, runs postmortems. */
  devon: 'acc-devon-oncall',
  /** Mia Chen, developer: a second triager of SHOP (Developers role); cannot see OPS. */
  mia: 'acc-mia-dev',
  /** Sam Okafor, scrum master: administers SHOP (its settings; a triager through Administrators), browses OPS. */
  sam: 'acc-sam-scrum',
  /** Ada Lindqvist, Jira (site) admin: edits the site severity policy; administers every project. */
  ada: 'acc-ada-admin',
  /** Otto Weber, operations engineer: administers OPS and has no access to SHOP at all. */
  otto: 'acc-otto-ops',
  /** Liam Novak, developer in SHOP who has not yet allowed Firebreak to act for him (consent). */
  liam: 'acc-liam-dev',
};
