import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DEMO_SCENARIO_PATH, JiraEmulator, loadScenario, loadScenarioFile, type Scenario } from './jira';
import { ForgeRuntimeEmulator } from './forge/runtime';
import { KvsEmulator, type EntityDefinition } from './forge/kvs';
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

export interface SandboxOptions {
  /** A named scenario (`demo`, `minimal`), a path to a scenario file, or a parsed scenario. */
  readonly scenario?: string | Scenario;
  readonly eventDelayMs?: number;
  readonly siteUrl?: string;
}

/**
 * A Jira Cloud site with Firebreak installed, in one process: Jira's REST API, Forge's runtime and
 * KVS, wired the way the platform wires them (Jira changes → product events → triggers; transitions
 * → workflow validators). Tests, benchmarks and `npm start` all build it here.
 */
export class Sandbox {
  /** Host-side state Jira keeps outside its REST API (the dashboard's gadgets). Reset with the scenario. */
  dashboardGadgets: DashboardGadget[] = [];
  /**
   * When set, the host's router refuses `router.navigate`/`open` to a `{ target: 'module' }` location,
   * as a Preview feature may fail on a real site. Reset with the scenario.
   */
  refuseModuleNavigation = false;

  private constructor(
    readonly manifest: AppManifest,
    private current: { jira: JiraEmulator; kvs: KvsEmulator; runtime: ForgeRuntimeEmulator; scenario: Scenario },
    private readonly options: SandboxOptions,
  ) {}

  static async create(options: SandboxOptions = {}): Promise<Sandbox> {
    const manifest = await readManifest(join(APP_ROOT, 'manifest.yml'));
    const scenario = await resolveScenario(options.scenario ?? 'demo');
    const sandbox = new Sandbox(manifest, wire(manifest, scenario, options), options);
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

  /** Replaces the whole site with a fresh copy of a scenario: Jira state, KVS, faults and counters. */
  async load(scenario: string | Scenario | undefined): Promise<void> {
    const resolved = scenario === undefined ? this.current.scenario : await resolveScenario(scenario);
    this.current = wire(this.manifest, resolved, this.options);
    this.dashboardGadgets = [];
    this.refuseModuleNavigation = false;
    this.runtime.install();
  }

  async reset(): Promise<void> {
    await this.load(undefined);
  }
}

const wire = (manifest: AppManifest, scenario: Scenario, options: SandboxOptions): Sandbox['current'] => {
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
  });
  jira.setHooks({
    onEvent: (event) => {
      runtime.deliverEvent(event);
    },
    runValidators: (check) => runtime.runValidators(check),
  });
  return { jira, kvs, runtime, scenario };
};

const resolveScenario = async (scenario: string | Scenario): Promise<Scenario> => {
  if (typeof scenario !== 'string') return loadScenario(scenario);
  return loadScenarioFile(NAMED_SCENARIOS[scenario] ?? scenario);
};
