/*
 * The CrossGuard policy pack entry: `pulumi preview --policy-pack policy` loads this file. It is the only module
 * that constructs a PolicyPack, because constructing one starts the analyzer's gRPC server and keeps the process
 * alive; the rules themselves live in ./rules and run offline through ./evaluate.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "./pack.ts";
import { allRules } from "./rules/index.ts";

new PolicyPack("stratum", {
  description: "stratum's platform rules: encryption, public access, TLS, resilience, audit, least privilege, Kubernetes hardening, tags and data residency.",
  // Rules the stack's frameworks do not select are disabled, and advisory ones lowered, through the policy config.
  enforcementLevel: "mandatory",
  policies: toPolicies(allRules),
});
