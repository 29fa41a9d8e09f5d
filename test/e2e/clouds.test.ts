import { prepareStack } from "../../lib/plan/plan-stack.ts";
import { planJson } from "../support/plan-json.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { describeWorkloadRun } from "./platform-run.ts";

/**
 * The end-to-end run on the GCP example stacks' own plans (`stratum plan --stack <stack> --format json`): the same
 * checks as dev-aws's (platform.test.ts), the pods with what GKE gives them. (dev-azure and prod-azure join with
 * their drivers; until then synthetic-clouds.test.ts runs an Azure-shaped plan.) prod-gcp's model is its Vertex AI
 * endpoint's, whose container the plan does not hold (the workflow deploys it), so it is not run here.
 */
const load = (stack: string) => async () => ({ plan: await planJson(stack), spec: prepareStack(repoRoot, stack).spec });
// GKE injects nothing for Workload Identity: the metadata server and Cloud Storage are found by name (mapped to the
// stand-ins), their certificate trusted.
const gke = () => ["NODE_EXTRA_CA_CERTS"];

describeWorkloadRun({ label: "dev-gcp", load: load("dev-gcp"), namespace: "acme-dev", runtimeEnv: gke });
describeWorkloadRun({ label: "prod-gcp", load: load("prod-gcp"), namespace: "acme-prod", runtimeEnv: gke, modelInCluster: false });
