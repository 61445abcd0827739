import { type ComponentType, type ReactElement, createElement, lazy } from 'react';

import type { CallResolver } from '../api/resolver-client';
import type { AppContext } from '../platform/context-shape';
import { configurationToCompute, readGadgetConfiguration } from '../shared/gadget-configuration';

/**
 * Which screen each Forge module shows. One resource (`main`) serves every Custom UI module, so the
 * browser downloads React and the bridge once (the entry chunk) and each feature is its own chunk.
 *
 * To add a module: add it to manifest.yml with `resource: main`, then add an entry here keyed by its
 * module key, or by `moduleKey:entryPoint` for modules with several views (a gadget's `edit`, a
 * validator's `create`/`edit`/`view`). `routes.test.ts` checks every key against manifest.yml.
 */
export interface RouteDeps {
  readonly callResolver: CallResolver;
}

export type Started = { readonly ok: true; readonly element: ReactElement } | { readonly ok: false; readonly message: string };

export interface Route {
  /** Shown (with the skeleton) while the feature's chunk and first data load. */
  readonly loadingLabel: string;
  /** Turns the context into the feature's element and sends its first backend call right away. */
  readonly start: (context: AppContext, deps: RouteDeps) => Started;
}

/**
 * Ties a lazily loaded component to how its props are made from the context, so the first backend
 * call runs in parallel with the chunk download instead of after it.
 */
function defineRoute<P extends object>(definition: {
  readonly loadingLabel: string;
  readonly load: () => Promise<{ default: ComponentType<P> }>;
  readonly props: (context: AppContext, deps: RouteDeps) => { readonly ok: true; readonly props: P } | { readonly ok: false; readonly message: string };
}): Route {
  const Screen = lazy(definition.load);
  return {
    loadingLabel: definition.loadingLabel,
    start: (context, deps) => {
      const made = definition.props(context, deps);
      return made.ok ? { ok: true, element: createElement(Screen, made.props) } : made;
    },
  };
}

/** The viewer's locale and time zone, for the props of screens that format dates and numbers (each only when Jira says). */
const viewerFormat = (context: AppContext): { locale?: string; timezone?: string } => ({
  ...(context.locale === undefined ? {} : { locale: context.locale }),
  ...(context.timezone === undefined ? {} : { timezone: context.timezone }),
});

const NO_ISSUE = 'This panel could not tell which issue it belongs to. Reload the issue and try again.';
/** The validator's three views share its module key; Jira may say which one it shows (`entryPoint`). */
const VALIDATOR = 'severity-policy-validator';

/** The capacity gadget's view and its edit view share the module key; Jira says which one it shows. */
const CAPACITY_GADGET = 'capacity-gadget';

const NO_PROJECT = 'This page could not tell which project it belongs to. Reload the page and try again.';

/** Props every issue panel gets: the issue, its report (requested right away) and the viewer's locale. */
function issuePanelProps(context: AppContext, { callResolver }: RouteDeps) {
  const issue = context.extension.issue;
  if (issue === undefined) return { ok: false, message: NO_ISSUE } as const;
  return {
    ok: true,
    props: {
      issueKey: issue.key,
      callResolver,
      firstLoad: callResolver('report/get', { issueKey: issue.key }),
      ...viewerFormat(context),
    },
  } as const;
}

/**
 * The rule editor's props. Jira admins configure workflows, and they may read the site policy for
 * its level names (through the module's own resolver). Only Jira's new workflow editor saves a
 * function validator's settings, and it says so with `isNewEditor`.
 */
function ruleEditorProps(context: AppContext, deps: RouteDeps, rawConfig: string | undefined) {
  return { ok: true, props: { rawConfig, newEditor: context.extension.isNewEditor === true, levelsLoad: deps.callResolver('policy/getSite', {}), coverageLoad: coverageLoadOf(context, deps) } } as const;
}

/**
 * The rule's workflow and transition come from Jira's context for its pages. The list of other
 * closing transitions is asked for once, when first shown (only a rule requiring a postmortem shows it).
 */
function coverageLoadOf(context: AppContext, { callResolver }: RouteDeps) {
  const { workflowId, transitionId } = context.extension;
  if (workflowId === undefined || transitionId === undefined) return undefined;
  let answer: ReturnType<typeof callResolver<'validator/closingCoverage'>> | undefined;
  return () => (answer ??= callResolver('validator/closingCoverage', { workflowId, transitionId }));
}

export const ROUTES: Readonly<Record<string, Route>> = {
  'production-report-panel': defineRoute({
    loadingLabel: 'Loading production report…',
    load: () => import('../features/report-panel/ReportPanel'),
    props: issuePanelProps,
  }),
  'definition-of-ready-panel': defineRoute({
    loadingLabel: 'Loading Definition of Ready…',
    load: () => import('../features/ready-panel/DefinitionOfReadyPanel'),
    props: issuePanelProps,
  }),
  'project-settings': defineRoute({
    loadingLabel: 'Loading Firebreak settings…',
    load: () => import('../features/project-settings/ProjectSettings'),
    props: (context, { callResolver }) => {
      const project = context.extension.project;
      if (project === undefined) return { ok: false, message: NO_PROJECT };
      return {
        ok: true,
        props: {
          projectKey: project.key,
          callResolver,
          firstLoad: callResolver('config/getProject', { projectKey: project.key }),
          policyLoad: callResolver('policy/getProject', { projectKey: project.key }),
          ...viewerFormat(context),
        },
      };
    },
  }),
  'severity-policy-admin': defineRoute({
    loadingLabel: 'Loading the severity policy…',
    load: () => import('../features/policy-admin/PolicyAdmin'),
    props: (context, { callResolver }) => ({
      ok: true,
      props: {
        callResolver,
        firstLoad: callResolver('policy/getSite', {}),
        ...viewerFormat(context),
      },
    }),
  }),
  [`${VALIDATOR}:create`]: defineRoute({
    loadingLabel: 'Loading the rule editor…',
    load: () => import('../features/policy-validator/ValidatorEditor'),
    props: (context, deps) => ruleEditorProps(context, deps, undefined),
  }),
  [`${VALIDATOR}:edit`]: defineRoute({
    loadingLabel: 'Loading the rule editor…',
    load: () => import('../features/policy-validator/ValidatorEditor'),
    props: (context, deps) => ruleEditorProps(context, deps, context.extension.validatorConfig),
  }),
  /**
   * The rule's page when Jira does not name it: Forge documents `validatorConfig` for these pages
   * (absent on create), not `entryPoint`. With no saved settings this is the create page; with
   * settings it is taken for the edit page, the safe reading of the two it could be: in the rule
   * list the saved rules then show in the form, whereas a summary in the edit dialog would leave
   * the admin unable to change them.
   * @see https://developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/workflowRules/
   */
  [VALIDATOR]: defineRoute({
    loadingLabel: 'Loading the rule editor…',
    load: () => import('../features/policy-validator/ValidatorEditor'),
    props: (context, deps) => ruleEditorProps(context, deps, context.extension.validatorConfig),
  }),
  [`${VALIDATOR}:view`]: defineRoute({
    loadingLabel: 'Loading the rule…',
    load: () => import('../features/policy-validator/ValidatorSummary'),
    // Only a rule with an assignee level needs the policy, for the level's name. A plain test of the
    // stored string keeps the rule's parser out of the start-up chunk; the page parses it properly.
    props: (context, deps) => {
      const rawConfig = context.extension.validatorConfig;
      const needsLevels = rawConfig !== undefined && /"assigneeAtOrAbove"\s*:\s*"/.test(rawConfig);
      return { ok: true, props: { rawConfig, coverageLoad: coverageLoadOf(context, deps), ...(needsLevels ? { levelsLoad: deps.callResolver('policy/getSite', {}) } : {}) } };
    },
  }),
  [CAPACITY_GADGET]: defineRoute({
    loadingLabel: 'Loading support capacity…',
    load: () => import('../features/capacity-gadget/GadgetViews'),
    props: (context, { callResolver }) => {
      const config = configurationToCompute(readGadgetConfiguration(context.extension.gadgetConfiguration));
      return {
        ok: true,
        props: {
          callResolver,
          config,
          firstLoad: config === null ? null : callResolver('capacity/compute', config),
          ...viewerFormat(context),
        },
      };
    },
  }),
  postmortems: defineRoute({
    loadingLabel: 'Loading postmortems…',
    load: () => import('../features/postmortems/PostmortemsPage'),
    props: (context, { callResolver }) => {
      const project = context.extension.project;
      if (project === undefined) return { ok: false, message: NO_PROJECT };
      return {
        ok: true,
        props: {
          projectKey: project.key,
          callResolver,
          firstLoad: callResolver('postmortem/list', { projectKey: project.key }),
          ...(context.accountId === undefined ? {} : { accountId: context.accountId }),
          ...viewerFormat(context),
        },
      };
    },
  }),
  [`${CAPACITY_GADGET}:edit`]: defineRoute({
    loadingLabel: 'Loading the gadget settings…',
    load: () => import('../features/capacity-gadget/CapacityGadgetEditor'),
    props: (context, { callResolver }) => {
      const saved = readGadgetConfiguration(context.extension.gadgetConfiguration);
      return {
        ok: true,
        props: {
          callResolver,
          saved,
          boardsLoad: callResolver('capacity/listBoards', {}),
          sprintsLoad: saved.boardId === null ? null : callResolver('capacity/listSprints', { boardId: saved.boardId }),
        },
      };
    },
  }),
};

/** The most specific route for the context: `moduleKey:entryPoint` first, then `moduleKey`. */
export function findRoute<R>(routes: Readonly<Record<string, R>>, context: Pick<AppContext, 'moduleKey' | 'extension'>): R | undefined {
  const { moduleKey } = context;
  const { entryPoint } = context.extension;
  const candidates = entryPoint === undefined ? [moduleKey] : [`${moduleKey}:${entryPoint}`, moduleKey];
  for (const key of candidates) {
    if (Object.hasOwn(routes, key)) return routes[key];
  }
  return undefined;
}

export const unknownModuleMessage = (moduleKey: string): string =>
  `Firebreak has no screen for the module “${moduleKey}”. This is a problem with the app; ask your Jira admin to update Firebreak.`;
