/*
 * The CrossGuard policy pack entry: `pulumi preview --policy-pack policy` loads this file. It is the only module
 * that constructs a PolicyPack, because constructing one starts the analyzer's gRPC server and keeps the process
 * alive; the rules themselves live in ./rules and run offline through ./evaluate.ts.
 *
 * Why the dynamic imports: the Pulumi policy runner (@pulumi/pulumi/cmd/run-policy-pack) always compiles the
 * entry file with ts-node (pulumi/pulumi#4830), whose output may not keep `.ts` import specifiers. Modules
 * imported by URL at run time bypass that step and load through Node's own type stripping, as everywhere else.
 */
import { PolicyPack } from "@pulumi/policy";

const load = <T>(path: string): Promise<T> => import(new URL(path, import.meta.url).href) as Promise<T>;

void Promise.all([load<typeof import("./pack.ts")>("./pack.ts"), load<typeof import("./rules/index.ts")>("./rules/index.ts")]).then(([pack, rules]) => {
  new PolicyPack("stratum", {
    description: "stratum's platform rules: encryption, public access, TLS, resilience, audit, least privilege, Kubernetes hardening, tags and data residency.",
    // Rules the stack's frameworks do not select are disabled, and advisory ones lowered, through the policy config.
    enforcementLevel: "mandatory",
    policies: pack.toPolicies(rules.allRules),
  });
});
