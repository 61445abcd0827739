import { ok } from '../../contract/result';
import { computeSupportHealth } from '../use-cases/capacity/support-health';
import { defineResolver } from './resolver-definition';

/** The capacity gadget's Health view: support arrivals, resolutions and response compliance per period, as the viewer. */
export const supportHealthResolver = defineResolver({
  key: 'capacity/health',
  access: { kind: 'authenticated' },
  examplePayload: () => ({ boardId: 1, periods: 6, criteria: null }),
  async handle(payload, handler) {
    return ok(await computeSupportHealth(payload, handler));
  },
});
