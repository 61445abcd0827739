import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import { z } from 'zod';

import { isConsentRequired, NEEDS_CONSENT } from '../forge/runtime';
import { APP_ROOT, type Sandbox } from '../sandbox';
import { handleControl, outbox } from './control.routes';
import { parseProjectPagePath, projectPagePath } from './app-pages';
import { renderDashboard, renderModulePage, renderWorkflowEditor } from './config-pages';
import { handleHostAction } from './host-actions';
import { renderCreateIssue, renderHome, renderIssueSearch, renderIssueView, renderOutbox, type PageRequest } from './host-pages';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Custom UI runs under a strict CSP: scripts and styles from the resource itself, no inline code,
 * no other origins. Serving the build under the same policy makes a violation show up here first.
 * @see https://developer.atlassian.com/platform/forge/custom-ui/#security
 */
const FORGE_RESOURCE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
].join('; ');

export interface RunningServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export const startSandboxServer = async (sandbox: Sandbox, port = 7700, host = '127.0.0.1'): Promise<RunningServer> => {
  const tokens = await loadTokenStyles();
  const server = createServer((request, response) => {
    handle(sandbox, tokens, request, response).catch((error: unknown) => {
      console.error('sandbox server error', error);
      if (!response.headersSent) sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
  // Web trigger URLs made from now on point here, as Forge's point at its own gateway.
  sandbox.setWebTriggerOrigin(url);
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
};

const handle = async (sandbox: Sandbox, tokens: Readonly<Record<string, string>>, request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = new URL(request.url ?? '/', 'http://sandbox.local');
  const method = (request.method ?? 'GET').toUpperCase();
  const path = url.pathname;

  if (path.startsWith('/__control/')) {
    const body = method === 'GET' ? undefined : await readBody(request);
    const answer = await handleControl(sandbox, method, path, body);
    const headers: Record<string, string> = answer.setSession === undefined ? {} : { 'set-cookie': `fb_user=${encodeURIComponent(answer.setSession)}; Path=/; SameSite=Lax` };
    sendJson(response, answer.status, answer.body, headers);
    return;
  }

  if (/^\/(?:x1|public)\//.test(path)) {
    await serveWebTrigger(sandbox, request, url, response);
    return;
  }

  const accountId = sessionUser(sandbox, request);

  if (path.startsWith('/rest/')) {
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
    const answer = await sandbox.jira.handle(
      { kind: 'user', accountId },
      { method, path: `${path}${url.search}`, ...(body === undefined || body === '' ? {} : { body }) },
    );
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body);
    return;
  }

  if (path === '/__host/invoke' && method === 'POST') {
    await handleHostInvoke(sandbox, accountId, await readBody(request), response);
    return;
  }

  if (path === '/__host/fetch-product' && method === 'POST') {
    await handleHostFetchProduct(sandbox, accountId, await readBody(request), response);
    return;
  }

  if (path.startsWith('/__host/')) {
    const answer = handleHostAction(sandbox, accountId, method, path, await readBody(request));
    sendJson(response, answer.status, answer.body);
    return;
  }

  if (path.startsWith('/__sandbox/')) {
    await serveSandboxAsset(path.slice('/__sandbox/'.length), tokens, response);
    return;
  }

  if (path.startsWith('/forge/resources/')) {
    await serveResource(sandbox, path.slice('/forge/resources/'.length), response);
    return;
  }

  const page: PageRequest = { sandbox, accountId, colorMode: cookie(request, 'fb_theme') === 'dark' ? 'dark' : 'light' };
  if (path === '/') { sendHtml(response, 200, renderHome(page)); return; }
  if (path === '/issues') { sendHtml(response, 200, await renderIssueSearch(page, url.searchParams.get('jql') ?? 'project = SHOP ORDER BY created DESC')); return; }
  if (path === '/outbox') { sendHtml(response, 200, renderOutbox(page, outbox(sandbox))); return; }
  if (path === '/create') {
    sendHtml(response, 200, renderCreateIssue(page));
    return;
  }
  const browse = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(path);
  if (browse?.[1] !== undefined) {
    const view = await renderIssueView(page, browse[1]);
    sendHtml(response, view.status === 200 ? 200 : 404, view.page); return;
  }
  const shortProjectPage = /^\/jira\/projects\/([A-Z][A-Z0-9_]*)\/apps$/.exec(path);
  const project = sandbox.scenario.projects.find((candidate) => candidate.key === shortProjectPage?.[1]);
  if (project !== undefined) {
    // The sandbox's short link to a project page; Jira's own URL carries the app and environment ids.
    response.writeHead(302, { location: projectPagePath(sandbox.manifest, project) });
    response.end();
    return;
  }
  const placePage = renderPlacePage(page, path, url.searchParams);
  if (placePage !== undefined) {
    sendHtml(response, 200, placePage);
    return;
  }
  sendJson(response, 404, { message: `Nothing at ${path}. Start at /.` });
};

/** The Jira places where Firebreak's non-issue modules live. */
const renderPlacePage = (page: PageRequest, path: string, query: URLSearchParams): string | undefined => {
  if (path === '/jira/dashboards/1') return renderDashboard(page, query.get('edit') ?? undefined);
  if (path === '/jira/settings/workflows') return renderWorkflowEditor(page, query);
  if (path === '/jira/settings/apps') return renderModulePage(page, { moduleType: 'jira:adminPage', title: 'Jira admin: apps', adminOnly: true });
  const projectPage = parseProjectPagePath(page.sandbox.manifest, path);
  if (projectPage !== undefined) {
    return renderModulePage(page, { moduleType: 'jira:projectPage', title: 'Project page', projectKey: projectPage.projectKey, history: projectPage });
  }
  const settings = /^\/jira\/projects\/([A-Z][A-Z0-9_]*)\/settings\/apps$/.exec(path);
  if (settings?.[1] === undefined) return undefined;
  return renderModulePage(page, { moduleType: 'jira:projectSettingsPage', title: 'Project settings', projectKey: settings[1], adminOnly: true });
};

const hostInvokeSchema = z.object({
  moduleKey: z.string(),
  functionKey: z.string(),
  payload: z.unknown(),
  extension: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A Custom UI `invoke` relayed by the host page. The principal is the session's user, as Forge takes
 * it from the signed-in Jira session; nothing in the request body can change who is calling.
 */
const handleHostInvoke = async (sandbox: Sandbox, accountId: string, rawBody: string, response: ServerResponse): Promise<void> => {
  const parsed = hostInvokeSchema.safeParse(JSON.parse(rawBody || '{}'));
  if (!parsed.success) { sendJson(response, 400, { ok: false, message: 'Malformed invoke.' }); return; }
  try {
    const value = await sandbox.runtime.invokeUi({ ...parsed.data, accountId });
    sendJson(response, 200, { ok: true, value });
  } catch (error) {
    // Forge surfaces a failed invocation to the frontend as a rejected invoke() promise. When the
    // function failed for want of the user's consent, Jira also asks them to allow access (needsConsent).
    sendJson(response, 200, {
      ok: false,
      ...(isConsentRequired(error) ? { needsConsent: true } : {}),
      message: `There was an error invoking the function - ${error instanceof Error ? error.message : String(error)}`,
    });
  }
};

const hostFetchSchema = z.object({
  restPath: z.string().startsWith('/'),
  method: z.string().default('GET'),
  body: z.string().nullable().optional(),
});

/**
 * A Custom UI `requestJira` (`@forge/bridge`) relayed by the host page. Forge's proxy sends it to Jira
 * as the signed-in user and checks the app's scopes for the operation first, exactly as for a
 * function's `requestJira`, so it goes through the same runtime check.
 * @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/requestJira/
 */
const handleHostFetchProduct = async (sandbox: Sandbox, accountId: string, rawBody: string, response: ServerResponse): Promise<void> => {
  const parsed = hostFetchSchema.safeParse(JSON.parse(rawBody || '{}'));
  if (!parsed.success) { sendJson(response, 400, { message: 'Malformed product request.' }); return; }
  const { restPath, method, body } = parsed.data;
  const answer = await sandbox.runtime.requestProduct({ kind: 'user', accountId }, method.toUpperCase(), restPath, body ?? undefined);
  if (answer === NEEDS_CONSENT) { sendJson(response, 200, { needsConsent: true, message: 'Authentication Required' }); return; }
  sendJson(response, 200, { status: answer.status, headers: answer.headers, body: answer.body });
};

/**
 * A request to a web trigger URL, handed to Forge's web trigger emulator with Forge's request shape:
 * headers as `name: [values]` with the sender's own spelling of each name (the documented example
 * keeps "Content-Type" beside "accept-encoding"), so the app must match names case-insensitively.
 * No session, no user: web trigger URLs are public.
 * @see https://developer.atlassian.com/platform/forge/events-reference/web-trigger/
 */
const serveWebTrigger = async (sandbox: Sandbox, request: IncomingMessage, url: URL, response: ServerResponse): Promise<void> => {
  const headers: Record<string, string[]> = {};
  for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] ?? '';
    (headers[name] ??= []).push(request.rawHeaders[index + 1] ?? '');
  }
  const queryParameters: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
  const answer = await sandbox.runtime.webTriggers.receive({ method: (request.method ?? 'GET').toUpperCase(), path: url.pathname, headers, queryParameters, body: await readBody(request) });
  const outgoing: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(answer.headers)) outgoing[name] = [...values];
  if (answer.statusText === undefined) response.writeHead(answer.status, outgoing);
  else response.writeHead(answer.status, answer.statusText, outgoing);
  response.end(answer.body);
};

const serveResource = async (sandbox: Sandbox, rest: string, response: ServerResponse): Promise<void> => {
  const [resourceKey, ...parts] = rest.split('/');
  const resourcePath = sandbox.manifest.resourcePath(resourceKey ?? '');
  if (resourcePath === undefined) { sendJson(response, 404, { message: `No resource "${resourceKey ?? ''}" in manifest.yml.` }); return; }
  const root = join(APP_ROOT, resourcePath);
  const file = normalize(join(root, parts.join('/') || 'index.html'));
  if (!file.startsWith(root + sep) && file !== root) { sendJson(response, 403, { message: 'Outside the resource.' }); return; }
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    const hint = parts.length === 0 || parts.join('/') === 'index.html' ? ' Run `npm run build` first.' : '';
    sendJson(response, 404, { message: `${rest} is not in the build.${hint}` }); return;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const body = extname(file) === '.html' ? injectBridge(content.toString('utf8')) : content;
  response.writeHead(200, { 'content-type': type, 'content-security-policy': FORGE_RESOURCE_CSP, 'cache-control': 'no-cache' });
  response.end(body);
};

/** Forge puts its bridge script first in every Custom UI page; the sandbox puts its own there. */
const injectBridge = (page: string): string => page.replace(/<head>/i, '<head><script src="/__sandbox/bridge-client.js"></script>');

const serveSandboxAsset = async (name: string, tokens: Readonly<Record<string, string>>, response: ServerResponse): Promise<void> => {
  const token = /^tokens\/([a-z-]+)\.css$/.exec(name);
  if (token?.[1] !== undefined) {
    const css = tokens[token[1]];
    if (css === undefined) { sendJson(response, 404, { message: `No theme ${token[1]}.` }); return; }
    response.writeHead(200, { 'content-type': CONTENT_TYPES['.css'] ?? 'text/css', 'cache-control': 'max-age=3600' });
    response.end(css);
    return;
  }
  const assets: Readonly<Record<string, string>> = { 'host.js': 'host.js', 'host.css': 'host.css', 'bridge-client.js': 'bridge-client.js' };
  const file = assets[name];
  if (file === undefined) { sendJson(response, 404, { message: `No sandbox asset ${name}.` }); return; }
  response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'text/plain', 'cache-control': 'no-cache' });
  response.end(await readFile(join(APP_ROOT, 'sandbox', 'host', 'assets', file)));
};

/**
 * Jira's own theme CSS (the design tokens as CSS variables), taken from @atlaskit/tokens, which
 * ships each theme as a JS module exporting the stylesheet text.
 */
const loadTokenStyles = async (): Promise<Record<string, string>> => {
  const themes = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography'];
  const entries = await Promise.all(
    themes.map(async (theme) => {
      const source = await readFile(join(APP_ROOT, 'node_modules', '@atlaskit', 'tokens', 'dist', 'es2019', 'artifacts', 'themes', `${theme}.js`), 'utf8');
      return [theme, source.slice(source.indexOf('`') + 1, source.lastIndexOf('`'))] as const;
    }),
  );
  return Object.fromEntries(entries);
};

const sessionUser = (sandbox: Sandbox, request: IncomingMessage): string => {
  const chosen = cookie(request, 'fb_user');
  const users = sandbox.scenario.users;
  return users.find((user) => user.accountId === chosen)?.accountId ?? users[0]?.accountId ?? 'nobody';
};

const cookie = (request: IncomingMessage, name: string): string | undefined => {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
};

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
};

const sendHtml = (response: ServerResponse, status: number, page: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  response.end(page);
};
