import { z } from 'zod';

/**
 * The JSON format of a sandbox scenario (documented in ./README.md).
 * References between entities use stable ids/keys so a scenario reads like a Jira export:
 * statuses, priorities, issue types and resolutions by id, users by accountId, projects and issues by key.
 */

const isoDateTime = z.iso.datetime({ offset: true });
const accountId = z.string().min(1);

/** Atlassian Document Format: validated loosely (a doc node), the emulator stores it verbatim. */
export const AdfDocSchema = z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()) }).loose();
export type AdfDoc = z.infer<typeof AdfDocSchema>;

/**
 * Coarse grants (see `jira/jira.permissions.ts`). `no-comments` (disputes, issue 16 part 4) withholds
 * Add comments and the own-comment permissions from a user who may otherwise browse: a permission
 * scheme may grant Browse projects to a group without Add comments.
 */
export const ProjectPermissionSchema = z.enum(['browse', 'edit', 'administer', 'no-comments']);
export type ProjectPermission = z.infer<typeof ProjectPermissionSchema>;

export const ScenarioUserSchema = z.object({
  accountId,
  displayName: z.string().min(1),
  emailAddress: z.string().optional(),
  timeZone: z.string().default('Europe/Berlin'),
  /** site admin = Jira's global ADMINISTER permission (also administers every project) */
  siteAdmin: z.boolean().default(false),
  /** per project key: what the user may do there. `edit` implies `browse`; `administer` implies both. */
  projectPermissions: z.record(z.string(), z.array(ProjectPermissionSchema)).default({}),
  role: z.string().optional(),
  /**
   * Whether the user has already allowed Firebreak to act for them (Forge's user consent). `false`
   * plays a user who has not: their first `asUser()` request fails the way Forge's proxy fails it,
   * and the host page shows "Allow access".
   */
  allowedAppAccess: z.boolean().default(true),
  // log part (issue 16): a permission scheme grants each permission on its own; Jira's default scheme
  // gives Add Comments to everyone who browses, but a site may keep viewers read-only.
  /**
   * Per project key: Jira permission keys (`ADD_COMMENTS`, …) the project's permission scheme does
   * not grant this user, although their coarse grant would. Plays a browse-only viewer.
   * @see https://support.atlassian.com/jira-cloud-administration/docs/manage-project-permissions/
   */
  withheldPermissions: z.record(z.string(), z.array(z.string())).default({}),
});

export const IssueTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  subtask: z.boolean().default(false),
  hierarchyLevel: z.number().int().default(0),
});

export const PrioritySchema = z.object({
  id: z.string(),
  name: z.string(),
  statusColor: z.string().default('#999999'),
  description: z.string().default(''),
  isDefault: z.boolean().default(false),
});

export const StatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Jira's status category key */
  category: z.enum(['new', 'indeterminate', 'done']),
  description: z.string().default(''),
});

export const ResolutionSchema = z.object({ id: z.string(), name: z.string(), description: z.string().default('') });

export const FieldSchema = z.object({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().default(true),
  schemaType: z.enum(['number', 'string', 'array', 'option', 'date', 'datetime', 'user']).default('string'),
  /** Jira's custom field type key, e.g. com.atlassian.jira.plugin.system.customfieldtypes:float */
  customType: z.string().optional(),
});

export const LinkTypeSchema = z.object({ id: z.string(), name: z.string(), inward: z.string(), outward: z.string() });

export const TransitionRuleSchema = z.object({ id: z.string(), key: z.string(), configuration: z.string().optional() });

export const TransitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** status ids the transition starts from; empty = global (from any status) */
  from: z.array(z.string()).default([]),
  to: z.string(),
  /** resolution id set when the target status is in the done category (default: the first resolution) */
  resolution: z.string().optional(),
  rules: z.array(TransitionRuleSchema).default([]),
});

export const WorkflowSchema = z.object({
  key: z.string(),
  name: z.string(),
  initialStatus: z.string(),
  statuses: z.array(z.string()).min(1),
  transitions: z.array(TransitionSchema),
});

const jsonValue: z.ZodType = z.unknown();

/**
 * System fields a create or edit screen can hold (custom fields are named by their id). `project`
 * and `issuetype` are not screen fields: a create always names them.
 */
export const SCREEN_SYSTEM_FIELDS = ['summary', 'description', 'priority', 'labels', 'assignee', 'reporter', 'duedate', 'parent', 'issuelinks', 'security'] as const;

/**
 * Which fields a project's create and edit screens show, for some of its issue types: Jira's issue
 * type screen scheme, flattened. Jira refuses to set a field that is not on the screen of the
 * operation (400, keyed by field id). The entry without `issueTypeIds` is the project's default.
 * A project without `screens` lets every field be set, as before screens were modelled.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/manage-screens-in-company-managed-projects/
 */
export const ScreenSchemeSchema = z.object({
  issueTypeIds: z.array(z.string()).min(1).optional(),
  /** field ids on the create screen */
  create: z.array(z.string()),
  /** field ids on the edit screen */
  edit: z.array(z.string()),
});

/**
 * A project role. In Jira Cloud the list of roles is shared by all company-managed projects; what
 * differs per project is who holds each role (`roleActors` on the project).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-roles/
 */
export const ProjectRoleSchema = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().default(''),
  /** Jira's role for project administrators. */
  admin: z.boolean().default(false),
  /** The role new project members get. */
  default: z.boolean().default(false),
});

/** The roles a site starts with: the classic trio, and the one Jira puts installed apps in. */
export const DEFAULT_PROJECT_ROLES: Array<z.input<typeof ProjectRoleSchema>> = [
  { id: 10002, name: 'Administrators', description: 'A project role that represents administrators in a project', admin: true },
  { id: 10001, name: 'Developers', description: 'A project role that represents developers in a project' },
  { id: 10000, name: 'Users', description: 'A project role that represents users in a project', default: true },
  { id: 10003, name: 'atlassian-addons-project-access', description: 'A project role that represents Connect and Forge apps installed on the site' },
];

/** A Jira group; its members are people of the scenario. */
export const GroupSchema = z.object({
  name: z.string().min(1),
  groupId: z.string().min(1),
  members: z.array(accountId).default([]),
});

/** Who holds one role in one project: people, and groups (by name). */
export const RoleActorsSchema = z.object({
  users: z.array(accountId).default([]),
  groups: z.array(z.string()).default([]),
});

// --- issue security (part: security, issue 14) ---------------------------------------------------

/**
 * Who belongs to an issue security level: named people, a group's members, the holders of a
 * project role in the issue's project, or the issue's reporter or assignee.
 * @see https://support.atlassian.com/jira-cloud-administration/docs/configure-issue-security-schemes/
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-schemes/#api-rest-api-3-issuesecurityschemes-issuesecurityschemeid-level-levelid-member-put
 */
export const SecurityLevelMemberSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), accountId }).strict(),
  z.object({ type: z.literal('group'), groupName: z.string().min(1) }).strict(),
  z.object({ type: z.literal('projectRole'), roleName: z.string().min(1) }).strict(),
  z.object({ type: z.literal('reporter') }).strict(),
  z.object({ type: z.literal('assignee') }).strict(),
]);

/**
 * One level of an issue security scheme. An issue under it is visible only to its members (on top
 * of Browse projects). Apps are members only through a member they hold: Jira puts installed apps
 * in the `atlassian-addons-project-access` role and adds that role where apps need access, and an
 * admin may take it out; a level without it hides its issues from the app too.
 * @see https://support.atlassian.com/jira/kb/the-atlassian-addons-project-access-project-role-in-jira-cloud/
 */
export const SecurityLevelSchema = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
  members: z.array(SecurityLevelMemberSchema).default([]),
});

/**
 * An issue security scheme: its levels, and the level a new issue gets when its creator names none.
 * A project uses at most one (`issueSecuritySchemeId`).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-schemes/
 */
export const IssueSecuritySchemeSchema = z.object({
  id: z.string().regex(/^\d+$/),
  name: z.string().min(1),
  description: z.string().default(''),
  defaultLevelId: z.string().nullable().default(null),
  levels: z.array(SecurityLevelSchema).min(1),
});

// --- end issue security ---------------------------------------------------------------------------

export const ProjectSchema = z.object({
  id: z.string(),
  key: z.string().regex(/^[A-Z][A-Z0-9_]+$/),
  name: z.string(),
  projectTypeKey: z.enum(['software', 'service_desk', 'business']).default('software'),
  /**
   * Jira's project style: `classic` (company-managed) or `next-gen` (team-managed, REST `simplified:
   * true`). A team-managed project owns its workflow, which no other project shares.
   */
  style: z.enum(['classic', 'next-gen']).default('classic'),
  leadAccountId: accountId,
  workflowKey: z.string(),
  issueTypeIds: z.array(z.string()).min(1),
  properties: z.record(z.string(), jsonValue).default({}),
  /** create/edit screens per issue type; absent: every field can be set */
  screens: z.array(ScreenSchemeSchema).optional(),
  /** Who holds each project role here, by role name. The app's account always holds atlassian-addons-project-access. */
  roleActors: z.record(z.string(), RoleActorsSchema).default({}),
  /** The issue security scheme the project uses (part: security); absent: no issue is secured. */
  issueSecuritySchemeId: z.string().optional(),
});

export const BoardSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  type: z.enum(['scrum', 'kanban']),
  projectKey: z.string(),
  /** the story-points field of this board (Agile `board/{id}/configuration` → estimation.field.fieldId) */
  estimationFieldId: z.string().optional(),
  columns: z.array(z.object({ name: z.string(), statusIds: z.array(z.string()) })).default([]),
});

export const SprintSchema = z.object({
  id: z.number().int().positive(),
  boardId: z.number().int().positive(),
  name: z.string(),
  state: z.enum(['future', 'active', 'closed']),
  startDate: isoDateTime.optional(),
  endDate: isoDateTime.optional(),
  completeDate: isoDateTime.optional(),
  goal: z.string().default(''),
});

export const ChangeItemSchema = z.object({
  field: z.string(),
  fieldId: z.string().optional(),
  fieldtype: z.string().default('jira'),
  from: z.string().nullable().default(null),
  fromString: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
  toString: z.string().nullable().default(null),
});

export const HistorySchema = z.object({
  id: z.string(),
  author: accountId,
  created: isoDateTime,
  items: z.array(ChangeItemSchema).min(1),
});

export const CommentSchema = z.object({
  id: z.string(),
  author: accountId,
  body: AdfDocSchema,
  created: isoDateTime,
  updated: isoDateTime.optional(),
});

export const WorklogSchema = z.object({
  id: z.string(),
  author: accountId,
  started: isoDateTime,
  timeSpentSeconds: z.number().int().positive(),
  comment: AdfDocSchema.optional(),
  created: isoDateTime.optional(),
});

export const RemoteLinkSchema = z.object({
  id: z.number().int(),
  globalId: z.string().optional(),
  relationship: z.string().optional(),
  object: z.object({ url: z.string(), title: z.string(), summary: z.string().optional() }),
});

export const IssueSchema = z.object({
  id: z.string().regex(/^\d+$/),
  key: z.string().regex(/^[A-Z][A-Z0-9_]+-\d+$/),
  issueTypeId: z.string(),
  summary: z.string().min(1),
  description: AdfDocSchema.nullable().default(null),
  statusId: z.string(),
  priorityId: z.string(),
  resolutionId: z.string().nullable().default(null),
  reporter: accountId,
  assignee: accountId.nullable().default(null),
  creator: accountId.optional(),
  created: isoDateTime,
  updated: isoDateTime,
  resolutiondate: isoDateTime.nullable().default(null),
  labels: z.array(z.string()).default([]),
  /** Jira's Due date, `YYYY-MM-DD` */
  duedate: z.iso.date().nullable().default(null),
  parentKey: z.string().optional(),
  sprintIds: z.array(z.number().int()).default([]),
  /** custom field values by field id, e.g. { "customfield_10042": 5 } */
  customFields: z.record(z.string(), jsonValue).default({}),
  properties: z.record(z.string(), jsonValue).default({}),
  comments: z.array(CommentSchema).default([]),
  worklogs: z.array(WorklogSchema).default([]),
  changelog: z.array(HistorySchema).default([]),
  remoteLinks: z.array(RemoteLinkSchema).default([]),
  /** The issue's security level (part: security): a level of its project's scheme; null: none. Sub-tasks take their parent's. */
  securityLevelId: z.string().nullable().default(null),
});

export const IssueLinkSchema = z.object({
  id: z.string(),
  typeId: z.string(),
  /** the issue on the inward side, e.g. the bug that "is caused by"… reads from the outward issue */
  inwardIssue: z.string(),
  outwardIssue: z.string(),
});

export const SiteSchema = z.object({
  baseUrl: z.url().default('https://firebreak-sandbox.atlassian.net'),
  title: z.string().default('Firebreak sandbox'),
  /** the scenario's "now": the emulator's clock starts here (relative JQL dates are resolved against it) */
  now: isoDateTime,
  /** the sprint custom field (Jira Software's "Sprint"), e.g. customfield_10020 */
  sprintFieldId: z.string().default('customfield_10020'),
  /** the app's own account (author of changes made `asApp()`) */
  appAccountId: z.string().default('712020:firebreak-app'),
  appName: z.string().default('Firebreak'),
  /**
   * How far Jira's search index lags behind writes, in ms: `search/jql` and `approximate-count` see
   * the site as it was this long ago (reads by key see it now). 0 = search sees every write at once.
   */
  searchLagMs: z.number().int().nonnegative().default(0),
});

export const ScenarioSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  description: z.string().default(''),
  site: SiteSchema,
  users: z.array(ScenarioUserSchema).min(1),
  /** The site's project roles (shared by its projects); absent: Jira's usual ones. */
  projectRoles: z.array(ProjectRoleSchema).default(DEFAULT_PROJECT_ROLES.map((role) => ProjectRoleSchema.parse(role))),
  groups: z.array(GroupSchema).default([]),
  /** Issue security schemes (part: security), used by projects through `issueSecuritySchemeId`. */
  issueSecuritySchemes: z.array(IssueSecuritySchemeSchema).default([]),
  issueTypes: z.array(IssueTypeSchema).min(1),
  priorities: z.array(PrioritySchema).min(1),
  statuses: z.array(StatusSchema).min(1),
  resolutions: z.array(ResolutionSchema).default([]),
  fields: z.array(FieldSchema).default([]),
  linkTypes: z.array(LinkTypeSchema).default([]),
  workflows: z.array(WorkflowSchema).min(1),
  projects: z.array(ProjectSchema).min(1),
  boards: z.array(BoardSchema).default([]),
  sprints: z.array(SprintSchema).default([]),
  issues: z.array(IssueSchema).default([]),
  issueLinks: z.array(IssueLinkSchema).default([]),
  /**
   * Gadgets already on the sandbox dashboard (`/jira/dashboards/1`) when the scenario loads, as Jira
   * keeps them: the module and the configuration its edit view submitted (null: not configured yet).
   */
  dashboardGadgets: z
    .array(z.object({ id: z.string().regex(/^[\w-]+$/), moduleKey: z.string().min(1), configuration: z.record(z.string(), z.unknown()).nullable() }).strict())
    .default([]),
});

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ScenarioUser = Scenario['users'][number];
export type ScenarioProject = Scenario['projects'][number];
export type ScenarioProjectRole = Scenario['projectRoles'][number];
export type ScenarioGroup = Scenario['groups'][number];
export type ScenarioSecurityScheme = Scenario['issueSecuritySchemes'][number];
export type ScenarioSecurityLevel = ScenarioSecurityScheme['levels'][number];
export type ScenarioIssue = Scenario['issues'][number];
export type ScenarioStatus = Scenario['statuses'][number];
export type ScenarioWorkflow = Scenario['workflows'][number];
export type ScenarioTransition = ScenarioWorkflow['transitions'][number];
export type ScenarioSprint = Scenario['sprints'][number];
export type ScenarioBoard = Scenario['boards'][number];
export type ScenarioHistory = ScenarioIssue['changelog'][number];
export type ScenarioChangeItem = ScenarioHistory['items'][number];
