export { JiraEmulator, ALL_ROUTES, type JiraEmulatorOptions } from './jira.emulator.js';
export type { Caller, JiraHttpRequest, JiraHttpResponse, ProductEvent, TransitionCheck, JiraHooks, FaultRule, MeteringSnapshot } from './jira.types.js';
export { PERMISSIONS, type PermissionKey } from './jira.permissions.js';
export type { SearchAlias } from './jira.services.js';
export { readSearchAliases, MANIFEST_PATH } from './jql/search-aliases.js';
export { parseJql } from './jql/jql.parser.js';
export { loadScenario, loadScenarioFile, DEMO_SCENARIO_PATH, MINIMAL_SCENARIO_PATH } from '../scenarios/scenario.loader.js';
export type { Scenario, ScenarioInput } from '../scenarios/scenario.schema.js';
export { latencyFromEnvironment, parseLatency, NO_LATENCY, type JiraLatency } from './jira.latency.js';
