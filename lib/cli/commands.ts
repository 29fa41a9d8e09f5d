import type { Command } from "./command.ts";

/** Every `stratum` sub-command, in the order `stratum --help` lists them. */
export const commands: readonly Command[] = [
  { name: "plan", summary: "plan stacks offline under Pulumi's mock runtime (no cloud, no CLI)", load: () => import("../plan/command.ts") },
  { name: "policy", summary: "check a plan or preview JSON against the stack's policy rules; print the policy pack config", load: () => import("../../policy/command.ts") },
];
