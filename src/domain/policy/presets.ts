import type { PolicyLevel, SeverityPolicy } from '../../contract/policy.contract';
import { DEFAULT_SEVERITY_SCALE } from '../../contract/severity.contract';

const HOUR = 60;
const DAY = 24 * HOUR;

type Commitments = Omit<PolicyLevel, 'id' | 'name' | 'definition' | 'examples' | 'response'>;

const TOP: Commitments = {
  responseTargetMinutes: 15,
  updateCadenceMinutes: 30,
  releaseVehicle: 'production-patch',
  allHands: true,
  postmortemRequired: true,
  confirmWithinMinutes: 15,
  jiraPriority: 'Highest',
  weeklyBudget: 1,
};
const HIGH: Commitments = {
  responseTargetMinutes: HOUR,
  updateCadenceMinutes: 2 * HOUR,
  releaseVehicle: 'production-patch',
  allHands: false,
  postmortemRequired: true,
  confirmWithinMinutes: HOUR,
  jiraPriority: 'High',
  weeklyBudget: null,
};
const MID: Commitments = {
  responseTargetMinutes: DAY,
  updateCadenceMinutes: null,
  releaseVehicle: 'next-production-push',
  allHands: false,
  postmortemRequired: false,
  confirmWithinMinutes: DAY,
  jiraPriority: 'Medium',
  weeklyBudget: null,
};
const LOW: Commitments = {
  responseTargetMinutes: 3 * DAY,
  updateCadenceMinutes: null,
  releaseVehicle: 'plan-into-sprint',
  allHands: false,
  postmortemRequired: false,
  confirmWithinMinutes: 3 * DAY,
  jiraPriority: 'Low',
  weeklyBudget: null,
};

/** The default scale's text, with the commitments of its position. */
const DEFAULT_LEVELS: PolicyLevel[] = DEFAULT_SEVERITY_SCALE.map((level, index) => ({ ...level, examples: [...level.examples], ...([TOP, HIGH, MID][index] ?? LOW) }));

export interface PolicyPreset {
  readonly id: 'critical-major-medium-minor' | 'sev1-sev3' | 'p0-p3';
  readonly name: string;
  readonly policy: SeverityPolicy;
}

/** Starting points an admin picks from, then edits freely. */
export const POLICY_PRESETS: readonly PolicyPreset[] = [
  {
    id: 'critical-major-medium-minor',
    name: 'Critical / Major / Medium / Minor',
    policy: {
      levels: DEFAULT_LEVELS,
    },
  },
  {
    id: 'sev1-sev3',
    name: 'Sev1 / Sev2 / Sev3',
    policy: {
      levels: [
        { id: 'sev1', name: 'Sev1', definition: 'A critical service is down or data is lost or exposed; many customers are affected.', examples: ['Site down', 'Payments failing', 'Data breach'], response: 'All hands until mitigated.', ...TOP },
        { id: 'sev2', name: 'Sev2', definition: 'A major function is degraded for many users, or broken for a key customer.', examples: ['Search very slow', 'Exports failing for one tenant'], response: 'Fix as soon as possible, as a production patch.', ...HIGH },
        { id: 'sev3', name: 'Sev3', definition: 'A minor problem or one with a reasonable workaround.', examples: ['Wrong label', 'Rare error with retry'], response: 'Plan it into a sprint.', ...LOW, releaseVehicle: 'next-production-push' },
      ],
    },
  },
  {
    id: 'p0-p3',
    name: 'P0 / P1 / P2 / P3',
    policy: {
      levels: [
        { id: 'p0', name: 'P0', definition: 'Outage or data loss affecting most customers; no workaround.', examples: ['Production down'], response: 'Drop everything.', ...TOP },
        { id: 'p1', name: 'P1', definition: 'Serious degradation or an outage for some customers.', examples: ['One region down', 'Checkout errors for 10% of users'], response: 'Fix today.', ...HIGH },
        { id: 'p2', name: 'P2', definition: 'A real problem with a workaround.', examples: ['Report totals off by rounding'], response: 'Next production push.', ...MID },
        { id: 'p3', name: 'P3', definition: 'Cosmetic or rare.', examples: ['Typo', 'Alignment'], response: 'When there is room.', ...LOW },
      ],
    },
  },
];

export const DEFAULT_POLICY: SeverityPolicy = { levels: DEFAULT_LEVELS };
