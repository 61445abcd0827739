/**
 * Every Jira REST operation the app's code can call, read from the source with the TypeScript
 * compiler (not regexes), and the check that manifest.yml's scopes cover each one by Atlassian's rule.
 * Backend: each `route` template from `@forge/api`, with the method of the request init beside it.
 * UI: each `requestJira(...)` from `@forge/bridge`. What the reader cannot pin down (a route kept in a
 * variable, a method that is not a literal) is reported rather than skipped, so it cannot hide a call.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import ts from 'typescript';

import { checkScopes, describeRequired } from '../../sandbox/forge/scopes';

export type CallOrigin = 'backend' | 'ui';

export interface RestCall {
  /** Repository-relative path of the file, and the line of the call. */
  readonly file: string;
  readonly line: number;
  readonly method: string;
  /** The path with each interpolation as `{}`, query string included, as written. */
  readonly path: string;
  readonly origin: CallOrigin;
}

export interface UnreadableCall {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

/** Where each kind of call comes from: the package that exports the function, and its name. */
const CALLERS: Readonly<Record<CallOrigin, { readonly module: string; readonly name: string }>> = {
  backend: { module: '@forge/api', name: 'route' },
  ui: { module: '@forge/bridge', name: 'requestJira' },
};

/** Local names under which a file imports `name` from `module` (usually just `name`). */
const importedNames = (source: ts.SourceFile, module: string, name: string): Set<string> => {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== module) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) if ((element.propertyName ?? element.name).text === name) names.add(element.name.text);
  }
  return names;
};

/** `…${x}…` with each interpolation as `{}`; undefined for anything but a literal or template. */
const pathOf = (node: ts.Expression): string | undefined => {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  return undefined;
};

/** The `method` of a request init: GET when there is no init or no method, undefined when it is not a literal. */
const methodOf = (init: ts.Expression | undefined): string | undefined => {
  if (init === undefined) return 'GET';
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  const property = init.properties.find((candidate) => candidate.name !== undefined && ts.isIdentifier(candidate.name) && candidate.name.text === 'method');
  if (property === undefined) return init.properties.some(ts.isSpreadAssignment) ? undefined : 'GET';
  if (!ts.isPropertyAssignment(property)) return undefined;
  const value = property.initializer;
  return ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value) ? value.text.toUpperCase() : undefined;
};

/** The REST calls in one file, and the ones it could not read. */
export const restCallsIn = ({ file, text }: SourceText, origin: CallOrigin): { calls: RestCall[]; unreadable: UnreadableCall[] } => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const { module, name } = CALLERS[origin];
  const locals = importedNames(source, module, name);
  const calls: RestCall[] = [];
  const unreadable: UnreadableCall[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const record = (node: ts.Node, pathNode: ts.Expression, init: ts.Expression | undefined) => {
    const line = lineOf(node);
    const callPath = pathOf(pathNode);
    const method = methodOf(init);
    if (callPath === undefined) unreadable.push({ file, line, reason: 'the path is not a string or template literal' });
    else if (method === undefined) unreadable.push({ file, line, reason: `the method of ${callPath} is not a string literal in the request init` });
    else calls.push({ file, line, method, path: callPath, origin });
  };

  const visit = (node: ts.Node): void => {
    if (origin === 'backend' && ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && locals.has(node.tag.text)) {
      // route`…` must be the first argument of the request itself, so the init beside it gives the method.
      const call = node.parent;
      if (ts.isCallExpression(call) && call.arguments[0] === node) record(node, node.template, call.arguments[1]);
      else unreadable.push({ file, line: lineOf(node), reason: 'a route`…` that is not passed straight to a request call, so its method cannot be read' });
    }
    if (origin === 'ui' && ts.isCallExpression(node)) {
      const callee = node.expression;
      const calleeName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      if (calleeName !== undefined && (locals.has(calleeName) || (ts.isPropertyAccessExpression(callee) && calleeName === name))) {
        const [pathNode, init] = node.arguments;
        if (pathNode === undefined) unreadable.push({ file, line: lineOf(node), reason: 'requestJira without a path' });
        else record(node, pathNode, init);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { calls, unreadable };
};

/** The app's own source files under `dir` (tests and test factories left out). */
export const sourcesUnder = async (repoRoot: string, dir: string): Promise<SourceText[]> => {
  const entries = await readdir(path.join(repoRoot, dir), { recursive: true });
  const files = entries
    .filter((entry) => /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.split(path.sep).includes('testing'))
    .sort();
  return Promise.all(
    files.map(async (entry) => {
      const file = path.join(dir, entry).split(path.sep).join('/');
      return { file, text: await readFile(path.join(repoRoot, file), 'utf8') };
    }),
  );
};

/** All calls of the app: the backend under src/, the Custom UI under static/src. */
export const appRestCalls = async (repoRoot: string): Promise<{ calls: RestCall[]; unreadable: UnreadableCall[] }> => {
  const found = [
    ...(await sourcesUnder(repoRoot, 'src')).map((source) => restCallsIn(source, 'backend')),
    ...(await sourcesUnder(repoRoot, 'static/src')).map((source) => restCallsIn(source, 'ui')),
  ];
  return { calls: found.flatMap((entry) => entry.calls), unreadable: found.flatMap((entry) => entry.unreadable) };
};

/**
 * One sentence per call that `scopes` do not cover, or that the scope table does not know, each
 * naming the file and line. Empty when every call is covered.
 */
export const uncoveredCalls = async (calls: readonly RestCall[], scopes: readonly string[]): Promise<string[]> => {
  const problems: string[] = [];
  for (const call of calls) {
    const verdict = await checkScopes(call.method, call.path, scopes);
    const where = `${call.file}:${String(call.line)}`;
    if (verdict.kind === 'unknown') {
      problems.push(`${where}: ${call.method} ${call.path} is not an operation in sandbox/forge/data/jira-rest-scopes.json; add it with the scopes its REST documentation lists.`);
    } else if (verdict.kind === 'missing') {
      problems.push(`${where}: ${verdict.operation} needs ${describeRequired(verdict.required)}; manifest.yml lacks ${verdict.missing.join(', ')}.`);
    }
  }
  return problems;
};
