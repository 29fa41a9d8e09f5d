import type { CloudDrivers } from "./drivers.ts";
import { notImplemented } from "./not-implemented.ts";

/** AWS drivers (@pulumi/aws 7, imported by submodule). */
export const awsDrivers: CloudDrivers = {
  cloud: "aws",
  governance: { keys: notImplemented("aws", "governance.keys"), audit: notImplemented("aws", "governance.audit") },
  infra: {
    network: notImplemented("aws", "infra.network"),
    cluster: notImplemented("aws", "infra.cluster"),
    registry: notImplemented("aws", "infra.registry"),
    ciIdentity: notImplemented("aws", "infra.ciIdentity"),
  },
  data: {
    database: notImplemented("aws", "data.database"),
    lake: notImplemented("aws", "data.lake"),
    warehouse: notImplemented("aws", "data.warehouse"),
    pipelines: notImplemented("aws", "data.pipelines"),
    catalog: notImplemented("aws", "data.catalog"),
  },
  ml: { artifacts: notImplemented("aws", "ml.artifacts"), serving: notImplemented("aws", "ml.serving") },
  web: { frontend: notImplemented("aws", "web.frontend") },
  kubernetes: { workloadIdentity: (await import("../kubernetes/identity/aws.ts")).awsWorkloadIdentity },
};
