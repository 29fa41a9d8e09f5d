import type { Command } from "./command.ts";

/** Every `stratum` sub-command, in the order `stratum --help` lists them. */
export const commands: readonly Command[] = [
  { name: "plan", summary: "plan stacks offline under Pulumi's mock runtime (no cloud, no CLI)", load: () => import("../plan/command.ts") },
  { name: "policy", summary: "check a plan or preview JSON against the stack's policy rules; print the policy pack config", load: () => import("../../policy/command.ts") },
  { name: "scan", summary: "gate a Trivy image scan (JSON or SARIF) by severity, fixability and waivers", load: () => import("../scan/command.ts") },
  { name: "schema", summary: "write stratum.schema.json (the stack-file JSON Schema); --check fails when it is stale", load: () => import("../../components/spec/schema-command.ts") },
  { name: "synth", summary: "generate .github/workflows from the stacks (--check: fail on any difference)", load: () => import("../../workflows/command.ts") },
];
