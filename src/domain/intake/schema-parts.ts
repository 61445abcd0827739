import { z } from 'zod';

import { MAX_ALERTS_PER_REQUEST, MAX_FIELD_CHARS, MAX_LABEL_NAME_CHARS, MAX_LABEL_VALUE_CHARS, MAX_LABELS_PER_ALERT } from './incoming-alert';

/**
 * Schema pieces every provider's payload shares. Objects are not `.strict()`: providers add fields
 * over time (Grafana's `values`, GitHub's `epss`), and a new field must never turn alerts away.
 */

export const text = z.string().max(MAX_FIELD_CHARS);

/** Prometheus/Grafana label sets and annotations: string to string, bounded. */
export const labelMap = z
  .record(z.string().min(1).max(MAX_LABEL_NAME_CHARS), z.string().max(MAX_LABEL_VALUE_CHARS))
  .refine((labels) => Object.keys(labels).length <= MAX_LABELS_PER_ALERT, { message: `has more than ${MAX_LABELS_PER_ALERT} labels` });

/** Annotations may carry longer prose (descriptions) than a label value. */
export const annotationMap = z.record(z.string().min(1).max(MAX_LABEL_NAME_CHARS), text);

export const alertList = <T extends z.ZodType>(alert: T) => z.array(alert).min(1).max(MAX_ALERTS_PER_REQUEST);
