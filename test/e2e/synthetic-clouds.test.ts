import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { describeWorkloadRun } from "./platform-run.ts";
import { syntheticAzurePlan, syntheticGcpPlan, syntheticSpec } from "./synthetic-plans.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The end-to-end run on GCP- and Azure-shaped plans made from dev-aws's (synthetic-plans.ts): the per-cloud plan
 * readers, the credential stand-ins and the apps' GCP and Azure code, end to end, independent of the drivers'
 * own plans (platform.test.ts runs the real dev-gcp, prod-gcp, dev-azure and prod-azure plans).
 */
const base = async () => ({ plan: await examplePlan("dev-aws"), spec: prepareStack(repoRoot, "dev-aws").spec });

describeWorkloadRun({
  label: "synthetic GCP (dev-aws's cluster on Cloud SQL, Cloud Storage and GKE Workload Identity)",
  load: async () => {
    const { plan, spec } = await base();
    return { plan: syntheticGcpPlan(plan), spec: syntheticSpec(spec, "gcp") };
  },
  namespace: "acme-dev",
  // GKE injects nothing: the metadata server and Cloud Storage are found by name (mapped), their certificate trusted.
  runtimeEnv: () => ["NODE_EXTRA_CA_CERTS"],
});

describeWorkloadRun({
  label: "synthetic Azure (dev-aws's cluster on a Flexible Server, Blob Storage and AKS Workload Identity)",
  load: async () => {
    const { plan, spec } = await base();
    return { plan: syntheticAzurePlan(plan), spec: syntheticSpec(spec, "azure") };
  },
  namespace: "acme-dev",
  // What the workload identity webhook injects into a labelled pod, and the stand-ins' certificate.
  runtimeEnv: () => ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST", "NODE_EXTRA_CA_CERTS"],
});
