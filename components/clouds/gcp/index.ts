import type { CloudDrivers } from "../../cloud-contract.ts";
import type { CloudModule } from "../../cloud-module.ts";
import { gcpKeys } from "../../governance/keys/gcp.ts";
import { gcpAudit } from "../../governance/audit/gcp.ts";
import { gcpNetwork } from "../../infra/network/gcp.ts";
import { gcpCluster } from "../../infra/cluster/gcp.ts";
import { gcpRegistry } from "../../infra/registry/gcp.ts";
import { gcpCiIdentity } from "../../infra/ci-identity/gcp.ts";
import { gcpDatabase } from "../../data/database/gcp.ts";
import { gcpLake } from "../../data/lake/gcp.ts";
import { gcpWarehouse } from "../../data/warehouse/gcp.ts";
import { gcpCatalog } from "../../data/catalog/gcp.ts";
import { gcpModelArtifacts } from "../../ml/artifacts/gcp.ts";
import { gcpModelServing } from "../../ml/serving/gcp.ts";
import { gcpFrontend } from "../../web/frontend/gcp.ts";
import { gcpWorkloadIdentity } from "../../kubernetes/identity/gcp.ts";
import { gcpReviewWorkloadIdentity } from "../../kubernetes/identity/gcp-review.ts";
import { gcpProvider } from "./provider.ts";
import { gcpAccountOutputs } from "./account-outputs.ts";
import { gcpWorkloadWiring } from "./workload-wiring.ts";
import { gcpOffline } from "./offline.ts";

const gcpDrivers: CloudDrivers = {
  cloud: "gcp",
  provider: gcpProvider,
  accountOutputs: gcpAccountOutputs,
  governance: { keys: gcpKeys, audit: gcpAudit },
  infra: { network: gcpNetwork, cluster: gcpCluster, registry: gcpRegistry, ciIdentity: gcpCiIdentity },
  data: { database: gcpDatabase, lake: gcpLake, warehouse: gcpWarehouse, catalog: gcpCatalog },
  ml: { artifacts: gcpModelArtifacts, serving: gcpModelServing },
  web: { frontend: gcpFrontend },
  workloadWiring: gcpWorkloadWiring,
  kubernetes: { workloadIdentity: gcpWorkloadIdentity, reviewWorkloadIdentity: gcpReviewWorkloadIdentity },
};

export const gcp: CloudModule = { drivers: gcpDrivers, offline: gcpOffline };
