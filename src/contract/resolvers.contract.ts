import type { z } from 'zod';

import {
  getReportPayloadSchema,
  reportViewSchema,
  saveReportPayloadSchema,
} from './report.contract';

/**
 * Every resolver the UI may call: its key (`area/verb`), payload schema and result schema.
 * The backend registry must implement exactly these keys (a test checks it), and the UI's typed
 * client derives its signatures from this table, so the two ends cannot drift apart.
 */
export const resolverContract = {
  'report/get': { payload: getReportPayloadSchema, result: reportViewSchema },
  'report/save': { payload: saveReportPayloadSchema, result: reportViewSchema },
} as const;

export type ResolverKey = keyof typeof resolverContract;
export type PayloadOf<K extends ResolverKey> = z.input<(typeof resolverContract)[K]['payload']>;
export type ResultOf<K extends ResolverKey> = z.infer<(typeof resolverContract)[K]['result']>;
export const RESOLVER_KEYS = Object.keys(resolverContract) as ResolverKey[];
