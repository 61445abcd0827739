import { parseDependabotAlert } from './dependabot';
import { parseGenericAlert } from './generic';
import { parseHoneybadger } from './honeybadger';
import type { AlertSourceKind, ParseResult } from './incoming-alert';
import { parseAlertmanager, parseGrafana } from './prometheus-style';
import { parseSentryIssueAlert } from './sentry';

/** One parser per source kind: the web trigger looks the source up, then parses by its kind. */
export const PARSERS: Readonly<Record<AlertSourceKind, (body: unknown) => ParseResult>> = {
  alertmanager: parseAlertmanager,
  grafana: parseGrafana,
  sentry: parseSentryIssueAlert,
  honeybadger: parseHoneybadger,
  dependabot: parseDependabotAlert,
  generic: parseGenericAlert,
};

export const parseAlert = (kind: AlertSourceKind, body: unknown): ParseResult => PARSERS[kind](body);
