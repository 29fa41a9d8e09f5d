import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";

/** The two lookups every cloud's CloudParts entry is written with. */
export type Inputs = Record<string, any>;
export const ofType = (plan: PlanReport, type: string) => plan.resources.filter((r) => r.type === type);
export const byKey = (resources: readonly PlanResource[], key: (r: PlanResource) => unknown) => new Map(resources.map((r) => [String(key(r)), r]));
/** The model a managed endpoint's name ends with (`acme-prod-recommender` → `recommender`), else the name. */
export const modelOf = (name: string, models: readonly string[]) => models.find((m) => name === m || name.endsWith(`-${m}`)) ?? name;
