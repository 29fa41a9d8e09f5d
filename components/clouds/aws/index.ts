import type { CloudDrivers } from "../../cloud-contract.ts";
import type { CloudModule } from "../../cloud-module.ts";
import { awsKeys } from "../../governance/keys/aws.ts";
import { awsAudit } from "../../governance/audit/aws.ts";
import { awsNetwork } from "../../infra/network/aws.ts";
import { awsCluster } from "../../infra/cluster/aws.ts";
import { awsRegistry } from "../../infra/registry/aws.ts";
import { awsCiIdentity } from "../../infra/ci-identity/aws.ts";
import { awsDatabase } from "../../data/database/aws.ts";
import { awsLake } from "../../data/lake/aws.ts";
import { awsWarehouse } from "../../data/warehouse/aws.ts";
import { awsCatalog } from "../../data/catalog/aws.ts";
import { awsModelArtifacts } from "../../ml/artifacts/aws.ts";
import { awsModelServing } from "../../ml/serving/aws.ts";
import { awsFrontend } from "../../web/frontend/aws.ts";
import { awsWorkloadIdentity } from "../../kubernetes/identity/aws.ts";
import { awsReviewWorkloadIdentity } from "../../kubernetes/identity/aws-review.ts";
import { awsProvider } from "./provider.ts";
import { awsAccountOutputs } from "./account-outputs.ts";
import { awsWorkloadWiring } from "./workload-wiring.ts";
import { awsOffline } from "./offline.ts";

/** AWS drivers (@pulumi/aws 7, imported by submodule), one per capability. */
const awsDrivers: CloudDrivers = {
  cloud: "aws",
  provider: awsProvider,
  accountOutputs: awsAccountOutputs,
  governance: { keys: awsKeys, audit: awsAudit },
  infra: { network: awsNetwork, cluster: awsCluster, registry: awsRegistry, ciIdentity: awsCiIdentity },
  data: { database: awsDatabase, lake: awsLake, warehouse: awsWarehouse, catalog: awsCatalog },
  ml: { artifacts: awsModelArtifacts, serving: awsModelServing },
  web: { frontend: awsFrontend },
  workloadWiring: () => awsWorkloadWiring,
  kubernetes: { workloadIdentity: awsWorkloadIdentity, reviewWorkloadIdentity: awsReviewWorkloadIdentity },
};

/** AWS, as select.ts loads it: its drivers and its answers for the offline plan. */
export const aws: CloudModule = { drivers: awsDrivers, offline: () => awsOffline };
