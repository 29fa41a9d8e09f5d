import type { Command } from "./command.ts";

/** Every `stratum` sub-command, in the order `stratum --help` lists them. */
export const commands: readonly Command[] = [
  { name: "plan", summary: "plan stacks offline under Pulumi's mock runtime (no cloud, no CLI)", load: () => import("../plan/command.ts") },
  { name: "synth", summary: "generate .github/workflows from the stacks (--check: fail on any difference)", load: () => import("../../workflows/command.ts") },
];
