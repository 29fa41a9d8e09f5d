import type { Command } from "../lib/cli/command.ts";

/** Every `stratum` sub-command, in the order `stratum --help` lists them. */
export const commands: readonly Command[] = [
  { name: "plan", summary: "plan stacks offline under Pulumi's mock runtime (no cloud, no CLI); plan diff: what a change changes", load: () => import("./plan-entry.ts") },
  { name: "policy", summary: "check a plan or preview JSON against the stack's policy rules; print the policy pack config", load: () => import("./policy.ts") },
  { name: "scan", summary: "gate a Trivy image scan (JSON or SARIF) by severity, fixability and waivers", load: () => import("./scan.ts") },
  { name: "synth", summary: "generate .github/workflows from the stacks (--check: fail on any difference)", load: () => import("./synth.ts") },
  { name: "comment", summary: "post or update the sticky pull-request comment from plans and previews", load: () => import("./comment.ts") },
  { name: "bootstrap", summary: "bootstrap github: environments, ruleset and variables the workflows need (dry run unless --apply)", load: () => import("./bootstrap.ts") },
  { name: "review", summary: "review janitor: destroy review stacks whose pull request closed or whose TTL passed", load: () => import("./review.ts") },
  { name: "drift", summary: "drift report: open, update or close one GitHub issue per drifted stack", load: () => import("./drift.ts") },
  { name: "schema", summary: "write stratum.schema.json (the stack-file JSON Schema); --check fails when it is stale", load: () => import("./schema.ts") },
];
