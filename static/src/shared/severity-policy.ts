/**
 * The severity policy's weekly budget as the policy page and the capacity gadget word it. The
 * policy's values (release vehicles, limits, the default validator configuration) are the
 * contract's: `@contract/policy.values`.
 */

/** A severity level's weekly budget as the policy page and the capacity gadget report it. */
export interface WeeklyBudget {
  readonly levelName: string;
  readonly used: number;
  readonly budget: number;
  readonly exceeded: boolean;
}

/** The weekly budget of the top level as one sentence, and whether it is a warning. */
export function budgetSentence(budget: WeeklyBudget | null): { readonly text: string; readonly exceeded: boolean } | null {
  if (budget === null) return null;
  const count = `${budget.levelName} this week: ${String(budget.used)} of ${String(budget.budget)}`;
  return budget.exceeded ? { text: `${count} — over budget: quality work takes precedence`, exceeded: true } : { text: `${count} — within budget`, exceeded: false };
}
