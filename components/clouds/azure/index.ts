import type { CloudDrivers } from "../../cloud-contract.ts";
import type { CloudModule } from "../../cloud-module.ts";
import { azureKeys } from "../../governance/keys/azure.ts";
import { azureAudit } from "../../governance/audit/azure.ts";
import { azureNetwork } from "../../infra/network/azure.ts";
import { azureCluster } from "../../infra/cluster/azure.ts";
import { azureRegistry } from "../../infra/registry/azure.ts";
import { azureCiIdentity } from "../../infra/ci-identity/azure.ts";
import { azureDatabase } from "../../data/database/azure.ts";
import { azureLake } from "../../data/lake/azure.ts";
import { azureWarehouse } from "../../data/warehouse/azure.ts";
import { azureCatalog } from "../../data/catalog/azure.ts";
import { azureModelArtifacts } from "../../ml/artifacts/azure.ts";
import { azureModelServing } from "../../ml/serving/azure.ts";
import { azureFrontend } from "../../web/frontend/azure.ts";
import { azureWorkloadIdentity } from "../../kubernetes/identity/azure.ts";
import { azureReviewWorkloadIdentity } from "../../kubernetes/identity/azure-review.ts";
import { azureProvider } from "./provider.ts";
import { azureAccountOutputs } from "./account-outputs.ts";
import { azureWorkloadWiring } from "./workload-wiring.ts";
import { azureOffline } from "./offline.ts";

const azureDrivers: CloudDrivers = {
  cloud: "azure",
  provider: azureProvider,
  accountOutputs: azureAccountOutputs,
  governance: { keys: azureKeys, audit: azureAudit },
  infra: { network: azureNetwork, cluster: azureCluster, registry: azureRegistry, ciIdentity: azureCiIdentity },
  data: { database: azureDatabase, lake: azureLake, warehouse: azureWarehouse, catalog: azureCatalog },
  ml: { artifacts: azureModelArtifacts, serving: azureModelServing },
  web: { frontend: azureFrontend },
  workloadWiring: azureWorkloadWiring,
  kubernetes: { workloadIdentity: azureWorkloadIdentity, reviewWorkloadIdentity: azureReviewWorkloadIdentity },
};

export const azure: CloudModule = { drivers: azureDrivers, offline: azureOffline };
