/**
 * The part of Forge's view context that Firebreak reads, checked by hand (no zod in the UI bundle).
 * The host owns this object and adds fields over time, so unknown fields are ignored and only the
 * ones we rely on are checked.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#getcontext
 */
export interface ProductEntity {
  readonly key: string;
  readonly id: string;
}

/** A project as the context names it; `type` is Jira's project type (`software`, `business`, `service_desk`). */
export interface ProjectEntity extends ProductEntity {
  readonly type?: string;
}

export interface AppContext {
  readonly moduleKey: string;
  /** The app's environment, part of the URLs of its full pages. */
  readonly environmentId?: string;
  /** Absent for anonymous viewers. */
  readonly accountId?: string;
  readonly locale?: string;
  readonly timezone?: string;
  readonly extension: {
    readonly type?: string;
    /** Set on modules with several views (`edit`, `create`, `view`), e.g. gadgets and validators. */
    readonly entryPoint?: string;
    readonly issue?: ProductEntity;
    readonly project?: ProjectEntity;
    /** A workflow validator's stored configuration (the string its editor returned); absent on create. */
    readonly validatorConfig?: string;
    /** Set on a workflow rule's pages in Jira's new workflow editor, the only one that saves a function validator's settings. */
    readonly isNewEditor?: boolean;
    /** A workflow rule's pages: the workflow (`workflowId`) and the transition (`transitionContext.id`) it sits on. */
    readonly workflowId?: string;
    readonly transitionId?: string;
    /** A dashboard gadget's saved configuration. */
    readonly gadgetConfiguration?: Readonly<Record<string, unknown>>;
  };
  /** The host's theme state; `view.theme.enable()` is what applies it. */
  readonly theme?: Readonly<Record<string, unknown>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const stringOrNumber = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

const readEntity = (value: unknown): ProductEntity | undefined => {
  if (!isRecord(value)) return undefined;
  const key = stringOrNumber(value['key']);
  const id = stringOrNumber(value['id']);
  return key === undefined || id === undefined ? undefined : { key, id };
};

const readProject = (value: unknown): ProjectEntity | undefined => {
  const entity = readEntity(value);
  const type = isRecord(value) ? stringOrNumber(value['type']) : undefined;
  return entity === undefined || type === undefined ? entity : { ...entity, type };
};

/** Returns the context we rely on, or `undefined` when the host sent something without a module key. */
export function parseAppContext(raw: unknown): AppContext | undefined {
  if (!isRecord(raw)) return undefined;
  const moduleKey = raw['moduleKey'];
  if (typeof moduleKey !== 'string' || moduleKey === '') return undefined;

  const ext = isRecord(raw['extension']) ? raw['extension'] : {};
  const type = stringOrNumber(ext['type']);
  const entryPoint = stringOrNumber(ext['entryPoint']);
  const issue = readEntity(ext['issue']);
  const project = readProject(ext['project']);
  const validatorConfig = typeof ext['validatorConfig'] === 'string' ? ext['validatorConfig'] : undefined;
  const isNewEditor = typeof ext['isNewEditor'] === 'boolean' ? ext['isNewEditor'] : undefined;
  const gadgetConfiguration = ext['gadgetConfiguration'];
  const workflowId = stringOrNumber(ext['workflowId']);
  const transitionId = isRecord(ext['transitionContext']) ? stringOrNumber(ext['transitionContext']['id']) : undefined;
  const accountId = stringOrNumber(raw['accountId']);
  const environmentId = stringOrNumber(raw['environmentId']);
  const locale = stringOrNumber(raw['locale']);
  const timezone = stringOrNumber(raw['timezone']);
  const theme = raw['theme'];

  return {
    moduleKey,
    ...(accountId === undefined ? {} : { accountId }),
    ...(environmentId === undefined ? {} : { environmentId }),
    ...(locale === undefined ? {} : { locale }),
    ...(timezone === undefined ? {} : { timezone }),
    extension: {
      ...(type === undefined ? {} : { type }),
      ...(entryPoint === undefined ? {} : { entryPoint }),
      ...(issue === undefined ? {} : { issue }),
      ...(project === undefined ? {} : { project }),
      ...(validatorConfig === undefined ? {} : { validatorConfig }),
      ...(isNewEditor === undefined ? {} : { isNewEditor }),
      ...(workflowId === undefined ? {} : { workflowId }),
      ...(transitionId === undefined ? {} : { transitionId }),
      ...(isRecord(gadgetConfiguration) ? { gadgetConfiguration } : {}),
    },
    ...(isRecord(theme) ? { theme } : {}),
  };
}
