import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { describeWorkloadRun } from "./platform-run.ts";
import type { PlannedWorkload } from "./plan-workloads.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The end-to-end run on the GCP and Azure example stacks' own plans (`stratum plan --stack <stack> --format json`):
 * the same checks as dev-aws's (platform.test.ts), the pods with what GKE or AKS gives them. The prod stacks' model
 * is their managed endpoint's (Vertex AI, Azure ML), whose container the plan does not hold as a pod, so it is not
 * run here.
 */
const load = (stack: string) => async () => ({ plan: await examplePlan(stack), spec: prepareStack(repoRoot, stack).spec });
// GKE injects nothing for Workload Identity: the metadata server and Cloud Storage are found by name (mapped to the
// stand-ins), their certificate trusted.
const gke = () => ["NODE_EXTRA_CA_CERTS"];

describeWorkloadRun({ label: "dev-gcp", load: load("dev-gcp"), namespace: "acme-dev", runtimeEnv: gke });
describeWorkloadRun({ label: "prod-gcp", load: load("prod-gcp"), namespace: "acme-prod", runtimeEnv: gke, modelInCluster: false });

// AKS's workload identity webhook injects the client, tenant, token file and authority into a pod labelled
// `azure.workload.identity/use`, and nothing into one without (dev-azure's model is granted nothing, so has no identity).
const aks = (w: PlannedWorkload) =>
  w.labels["azure.workload.identity/use"] === "true"
    ? ["AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST", "NODE_EXTRA_CA_CERTS"]
    : ["NODE_EXTRA_CA_CERTS"];

describeWorkloadRun({ label: "dev-azure", load: load("dev-azure"), namespace: "acme-dev", runtimeEnv: aks });
describeWorkloadRun({ label: "prod-azure", load: load("prod-azure"), namespace: "acme-prod", runtimeEnv: aks, modelInCluster: false });
