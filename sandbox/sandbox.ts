import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEMO_SCENARIO_PATH, JiraEmulator, latencyFromEnvironment, loadScenario, loadScenarioFile, type JiraLatency, type Scenario } from './jira';
import { rebaseScenario } from './scenarios/scenario.rebase';
import { ForgeRuntimeEmulator } from './forge/runtime';
import { KvsEmulator, kvsLatencyFromEnvironment, type EntityDefinition, type KvsLatency } from './forge/kvs';
import { readManifest, type AppManifest } from './forge/manifest';

export const SANDBOX_CLOUD_ID = 'a3c1f0de-5a1e-4b0b-9f7c-5a9d1b0e7f42';
export const APP_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const NAMED_SCENARIOS: Readonly<Record<string, string>> = {
  demo: DEMO_SCENARIO_PATH,
  minimal: join(APP_ROOT, 'sandbox', 'scenarios', 'minimal.json'),
};

/** A gadget on the sandbox's one dashboard, as Jira keeps it: which module, and its saved configuration. */
export interface DashboardGadget {
  readonly id: string;
  readonly moduleKey: string;
  configuration: unknown;
}

/** The scenario's dashboard as Jira would hold it: copies, so a test's edit does not leak into the next load. */
const gadgetsOf = (scenario: Scenario): DashboardGadget[] =>
  scenario.dashboardGadgets.map((gadget) => ({ id: gadget.id, moduleKey: gadget.moduleKey, configuration: gadget.configuration === null ? null : structuredClone(gadget.configuration) }));

export interface SandboxOptions {
  /** A named scenario (`demo`, `minimal`), a path to a scenario file, or a parsed scenario. */
  readonly scenario?: string | Scenario;
  readonly eventDelayMs?: number;
  readonly siteUrl?: string;
  /**
   * `relative` (default): the scenario's `now` is the moment it loads and every date in it moves
   * along (see scenario.rebase.ts), so Jira and the app, which reads the real clock, agree.
   * `as-written`: keep the file's dates, for a test that needs fixed ones and never compares them
   * with the app's clock.
   */
  readonly scenarioTime?: 'relative' | 'as-written';
  /** Jira's answer time per request; default from `SANDBOX_JIRA_LATENCY_MS` (`150` or `100-300`), else none. */
  readonly jiraLatency?: JiraLatency;
  /** Forge storage's answer time per request; default from `SANDBOX_KVS_LATENCY_MS` (`40` or `20-80`), else none. */
  readonly kvsLatency?: KvsLatency;
  /** Forge's 25 s function limit, shorter for tests that run past it. */
  readonly functionTimeoutMs?: number;
  /** Scales product-event retry delays (`retryAfter` seconds) down for tests. */
  readonly retryDelayScale?: number;
  /** Scales Forge's async-event schedule (delays, retries, consumer time limits, retention) for tests. */
  readonly asyncTimeScale?: number;
  /** Whether `ignoreSelf` drops events caused by the app's `asUser()` requests too (undocumented; see the runtime). */
  readonly asUserEditsAreSelf?: boolean;
}

/**
 * A Jira Cloud site with Firebreak installed, in one process: Jira's REST API, Forge's runtime and
 * KVS, wired the way the platform wires them (Jira changes → product events → triggers; transitions
 * → workflow validators). Tests, benchmarks and `npm start` all build it here.
 */
export class Sandbox {
  /** Host-side state Jira keeps outside its REST API (the dashboard's gadgets): the scenario's `dashboardGadgets` on every load. */
  dashboardGadgets: DashboardGadget[] = [];
  /** Jira's answer time, kept across scenario loads like a property of the network, not of the site. */
  private latency: JiraLatency;
  /** Storage's answer time, kept across scenario loads for the same reason. */
  private storageLatency: KvsLatency;
  /**
   * When set, the host's router refuses `router.navigate`/`open` to a `{ target: 'module' }` location,
   * as a Preview feature may fail on a real site. Reset with the scenario.
   */
  refuseModuleNavigation = false;
  /** Where the sandbox's server listens, so web trigger URLs point at it; kept across scenario loads. */
  private webTriggerOrigin: string;

  private constructor(
    readonly manifest: AppManifest,
    private current: Wired,
    private readonly options: SandboxOptions,
  ) {
    this.latency = options.jiraLatency ?? latencyFromEnvironment();
    this.current.jira.setLatency(this.latency);
    this.storageLatency = options.kvsLatency ?? kvsLatencyFromEnvironment();
    this.current.kvs.setLatency(this.storageLatency);
    this.webTriggerOrigin = options.siteUrl ?? 'http://localhost:7700';
  }

  static async create(options: SandboxOptions = {}): Promise<Sandbox> {
    const manifest = await readManifest(join(APP_ROOT, 'manifest.yml'));
    const source = options.scenario ?? 'demo';
    const sandbox = new Sandbox(manifest, wire(manifest, await resolveScenario(source, options), source, options), options);
    sandbox.dashboardGadgets = gadgetsOf(sandbox.scenario);
    sandbox.runtime.install();
    return sandbox;
  }

  get jira(): JiraEmulator {
    return this.current.jira;
  }
  get kvs(): KvsEmulator {
    return this.current.kvs;
  }
  get runtime(): ForgeRuntimeEmulator {
    return this.current.runtime;
  }
  get scenario(): Scenario {
    return this.current.scenario;
  }
  get jiraLatency(): JiraLatency {
    return this.latency;
  }
  get kvsLatency(): KvsLatency {
    return this.storageLatency;
  }

  /**
   * Replaces the whole site with a fresh copy of a scenario (the current one when none is given):
   * Jira state, KVS, faults and counters. The scenario's `now` becomes this moment.
   */
  async load(scenario: string | Scenario | undefined): Promise<void> {
    const source = scenario ?? this.current.source;
    this.current = wire(this.manifest, await resolveScenario(source, this.options), source, this.options);
    this.current.jira.setLatency(this.latency);
    this.current.kvs.setLatency(this.storageLatency);
    this.dashboardGadgets = gadgetsOf(this.current.scenario);
    this.refuseModuleNavigation = false;
    this.current.runtime.webTriggerOrigin = this.webTriggerOrigin;
    this.runtime.install();
  }

  async reset(): Promise<void> {
    await this.load(undefined);
  }

  /** The origin web trigger URLs are made on from now on (the server calls this when it listens). */
  setWebTriggerOrigin(origin: string): void {
    this.webTriggerOrigin = origin;
    this.current.runtime.webTriggerOrigin = origin;
  }

  /** How long Jira takes to answer each request from now on (also after a scenario load). */
  setJiraLatency(latency: JiraLatency): void {
    this.latency = latency;
    this.current.jira.setLatency(latency);
  }

  /** How long Forge storage takes to answer each request from now on (also after a scenario load). */
  setKvsLatency(latency: KvsLatency): void {
    this.current.kvs.setLatency(latency);
    this.storageLatency = latency;
  }
}

interface Wired {
  readonly jira: JiraEmulator;
  readonly kvs: KvsEmulator;
  readonly runtime: ForgeRuntimeEmulator;
  readonly scenario: Scenario;
  /** What the scenario was loaded from, before rebasing, so a reset rebases it on its own moment. */
  readonly source: string | Scenario;
}

const wire = (manifest: AppManifest, scenario: Scenario, source: string | Scenario, options: SandboxOptions): Wired => {
  const entities = (manifest.raw.app.storage?.entities ?? []) as EntityDefinition[];
  const kvs = new KvsEmulator({ entities });
  const jira = JiraEmulator.fromScenario(scenario);
  const runtime = new ForgeRuntimeEmulator({
    appRoot: APP_ROOT,
    manifest,
    jira,
    kvs,
    cloudId: SANDBOX_CLOUD_ID,
    siteUrl: options.siteUrl ?? 'http://localhost:7700',
    usersWithoutAccess: scenario.users.filter((user) => !user.allowedAppAccess).map((user) => user.accountId),
    ...(options.eventDelayMs === undefined ? {} : { eventDelayMs: options.eventDelayMs }),
    ...(options.functionTimeoutMs === undefined ? {} : { functionTimeoutMs: options.functionTimeoutMs }),
    ...(options.retryDelayScale === undefined ? {} : { retryDelayScale: options.retryDelayScale }),
    ...(options.asUserEditsAreSelf === undefined ? {} : { asUserEditsAreSelf: options.asUserEditsAreSelf }),
    ...(options.asyncTimeScale === undefined ? {} : { asyncTimeScale: options.asyncTimeScale }),
  });
  jira.setHooks({
    onEvent: (event) => {
      runtime.deliverEvent(event);
    },
    runValidators: (check) => runtime.runValidators(check),
  });
  return { jira, kvs, runtime, scenario, source };
};

/** Loads a scenario and, unless told otherwise, rebases it on this moment. */
const resolveScenario = async (scenario: string | Scenario, options: SandboxOptions): Promise<Scenario> => {
  const loaded = typeof scenario === 'string' ? await loadScenarioFile(NAMED_SCENARIOS[scenario] ?? scenario) : loadScenario(scenario);
  return options.scenarioTime === 'as-written' ? loaded : rebaseScenario(loaded, Date.now());
};
