import { fileURLToPath } from "node:url";
import { recordProgram, type Recording } from "../../lib/plan/record.ts";
import { readStackConfig } from "../../lib/plan/stack-config.ts";
import type { PlanResource } from "../../lib/plan/model.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface PlannedStack extends Recording {
  readonly stack: string;
  /** The stack's `stratum:` config as the program read it (structured values parsed). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Plans one example stack offline: the program (index.ts) under the mock runtime, as `stratum plan` does. */
export async function planStack(stack: string): Promise<PlannedStack> {
  const { values, secretKeys } = readStackConfig(root, stack);
  const program = (await import("../../index.ts")).default;
  const region = values["stratum:region"] ?? values["aws:region"] ?? "us-east-1";
  const recording = await recordProgram({ project: "stratum", stack, config: values, secretKeys, region, program });
  const config = Object.fromEntries(Object.entries(values).filter(([k]) => k.startsWith("stratum:")).map(([k, v]) => [k.slice("stratum:".length), parse(v)]));
  return { ...recording, stack, config };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const tiers = ["governance", "infra", "data", "ml", "web"] as const;
export type Tier = (typeof tiers)[number];

/** The tier a resource belongs to: the first `stratum:<tier>:*` component on its parent chain. */
export function tierOf(plan: Recording, resource: PlanResource): Tier | undefined {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  for (let current: PlanResource | undefined = resource; current; current = current.parent ? byUrn.get(current.parent) : undefined) {
    const match = /^stratum:([a-z]+):/.exec(current.type);
    if (match && (tiers as readonly string[]).includes(match[1]!)) return match[1] as Tier;
  }
  return undefined;
}

/** Cloud resources (not components, not the stack) per tier. */
export function inventory(plan: Recording): Record<Tier, PlanResource[]> {
  const result = Object.fromEntries(tiers.map((t) => [t, [] as PlanResource[]])) as Record<Tier, PlanResource[]>;
  for (const resource of plan.resources) {
    if (resource.type.startsWith("stratum:") || resource.type.startsWith("pulumi:")) continue;
    const tier = tierOf(plan, resource);
    if (tier) result[tier].push(resource);
  }
  return result;
}
