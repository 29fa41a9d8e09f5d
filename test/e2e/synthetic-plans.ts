import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";

/**
 * GCP- and Azure-shaped plans made from the dev-aws plan, with the resource types and the env contract the drivers
 * agreed on (/work DESIGN: Cloud SQL with IAM users, GCS buckets and bucket IAM members, a KSA annotated with its
 * Google service account; a Flexible Server, a storage account's containers, a managed identity's federated
 * credential per ServiceAccount, the workload identity label and annotation), so the offline run's per-cloud
 * readers and the apps' GCP and Azure code are exercised before the drivers plan those stacks themselves. The
 * cluster's part (Deployments, Jobs, CronJob, Services, probes, commands) is dev-aws's, unchanged but for the env.
 */
type Inputs = Record<string, any>;

export const SYNTHETIC = {
  gcp: { project: "acme-platform-dev", projectNumber: "123456789012", region: "us-central1", databaseHost: "10.60.0.3" },
  azure: {
    subscriptionId: "2b7e4c1a-9d3f-4e8b-a6c5-0f1e2d3c4b5a",
    tenantId: "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    location: "eastus2",
    account: "acmedevlake",
    databaseHost: "acme-dev-orders.postgres.eastus2.offline.invalid",
    issuer: "https://eastus2.oic.prod-aks.azure.com/4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f/9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4/",
  },
} as const;

export const gcpServiceAccount = (w: string) => `acme-dev-${w}@${SYNTHETIC.gcp.project}.iam.gserviceaccount.com`;
export const gcpIamUser = (w: string) => `acme-dev-${w}@${SYNTHETIC.gcp.project}.iam`;
/** A GUID per workload, as the managed identity's client id. */
export const azureClientId = (w: string) => `c0ffee00-0000-4000-8000-${Buffer.from(w).toString("hex").padEnd(12, "0").slice(0, 12)}`;
const containerUrl = (zone: string) => `https://${SYNTHETIC.azure.account}.blob.core.windows.net/${zone}`;

function resource(type: string, name: string, inputs: Inputs): PlanResource {
  return { urn: `urn:pulumi:synthetic::stratum::${type}::${name}`, type, name, parent: null, inputs };
}

function containersOf(r: PlanResource): Inputs[] {
  const spec = (r.inputs as Inputs)["spec"];
  if (r.type === "kubernetes:batch/v1:CronJob") return spec.jobTemplate.spec.template.spec.containers;
  if (r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:batch/v1:Job") return spec.template.spec.containers;
  return [];
}

function templateOf(r: PlanResource): Inputs | undefined {
  const spec = (r.inputs as Inputs)["spec"];
  if (r.type === "kubernetes:batch/v1:CronJob") return spec.jobTemplate.spec.template;
  if (r.type === "kubernetes:apps/v1:Deployment" || r.type === "kubernetes:batch/v1:Job") return spec.template;
  return undefined;
}

/** The dev-aws plan's cluster part with `env` rewritten and the cloud's resources in place of AWS's. */
function rewrite(aws: PlanReport, edit: { env: (name: string, value: string, workload: string) => [string, string][]; serviceAccount: (r: PlanResource) => void; template?: (t: Inputs) => void; extra: PlanResource[]; outputs: Inputs }): PlanReport {
  const copy = structuredClone(aws) as PlanReport & { resources: PlanResource[]; outputs: Inputs };
  const kept = copy.resources.filter((r) => !r.type.startsWith("aws:"));
  for (const r of kept) {
    if (r.type === "kubernetes:core/v1:ServiceAccount") edit.serviceAccount(r);
    const template = templateOf(r);
    if (template && edit.template) edit.template(template);
    for (const c of containersOf(r)) {
      const workload = String(template?.spec?.serviceAccountName ?? c.name);
      c.env = (c.env as { name: string; value: string }[]).flatMap((e) => edit.env(e.name, e.value, workload).map(([name, value]) => ({ name, value })));
    }
  }
  return { ...copy, resources: [...kept, ...edit.extra], outputs: { ...copy.outputs, ...edit.outputs } };
}

export function syntheticGcpPlan(aws: PlanReport): PlanReport {
  const { project, region, databaseHost } = SYNTHETIC.gcp;
  const bucketGrants = [
    ["api", "acme-dev-lake-curated", "roles/storage.objectViewer"],
    ["etl", "acme-dev-lake-raw", "roles/storage.objectViewer"],
    ["etl", "acme-dev-lake-curated", "roles/storage.objectUser"],
  ] as const;
  return rewrite(aws, {
    env: (name, value, workload) => {
      if (name === "AWS_REGION") return [["GOOGLE_CLOUD_PROJECT", project], ["GOOGLE_CLOUD_REGION", region]];
      if (name === "DATABASE_AUTH") return [[name, "gcp-iam"]];
      if (name === "DATABASE_USER") return [[name, gcpIamUser(workload)]];
      if (name === "DATABASE_HOST") return [[name, databaseHost]];
      return [[name, value.replace(/^s3:\/\//, "gs://")]];
    },
    serviceAccount: (r) => {
      const metadata = (r.inputs as Inputs)["metadata"];
      metadata.annotations = { ...metadata.annotations, "iam.gke.io/gcp-service-account": gcpServiceAccount(metadata.name) };
    },
    extra: [
      resource("gcp:sql/databaseInstance:DatabaseInstance", "orders", { name: "acme-dev-orders", databaseVersion: "POSTGRES_15", region, settings: { ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY" }, databaseFlags: [{ name: "cloudsql.iam_authentication", value: "on" }] } }),
      resource("gcp:sql/database:Database", "orders", { name: "orders", instance: "acme-dev-orders" }),
      resource("gcp:sql/user:User", "orders", { name: gcpIamUser("orders"), instance: "acme-dev-orders", type: "CLOUD_IAM_SERVICE_ACCOUNT" }),
      ...["raw", "curated"].map((zone) => resource("gcp:storage/bucket:Bucket", `lake-${zone}`, { name: `acme-dev-lake-${zone}`, location: region, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" })),
      ...bucketGrants.map(([w, bucket, role]) => resource("gcp:storage/bucketIAMMember:BucketIAMMember", `${w}-${bucket}`, { bucket, role, member: `serviceAccount:${gcpServiceAccount(w)}` })),
    ],
    outputs: { databaseHost, lakeZones: { raw: "acme-dev-lake-raw", curated: "acme-dev-lake-curated" }, projectId: project },
  });
}

export function syntheticAzurePlan(aws: PlanReport): PlanReport {
  const { location, databaseHost, account, issuer } = SYNTHETIC.azure;
  return rewrite(aws, {
    env: (name, value) => {
      if (name === "AWS_REGION") return [["AZURE_REGION", location]];
      if (name === "DATABASE_AUTH") return [[name, "azure-entra"]];
      if (name === "DATABASE_HOST") return [[name, databaseHost]];
      return [[name, value.replace(/^s3:\/\/acme-dev-lake-([a-z]+)/, (_m, zone: string) => containerUrl(zone))]];
    },
    serviceAccount: (r) => {
      const metadata = (r.inputs as Inputs)["metadata"];
      metadata.annotations = { ...metadata.annotations, "azure.workload.identity/client-id": azureClientId(metadata.name) };
    },
    template: (t) => {
      t["metadata"] = { ...t["metadata"], labels: { ...t["metadata"]?.labels, "azure.workload.identity/use": "true" } };
    },
    extra: [
      resource("azure-native:dbforpostgresql:Server", "orders", { serverName: "acme-dev-orders", version: "15", authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled" } }),
      resource("azure-native:dbforpostgresql:Database", "orders", { serverName: "acme-dev-orders", databaseName: "orders" }),
      resource("azure-native:storage:StorageAccount", "lake", { accountName: account, kind: "StorageV2", isHnsEnabled: true, allowSharedKeyAccess: false }),
      ...["raw", "curated"].map((zone) => resource("azure-native:storage:BlobContainer", `lake-${zone}`, { accountName: account, containerName: zone, publicAccess: "None" })),
      ...["api", "orders", "etl", "recommender"].map((w) =>
        resource("azure-native:managedidentity:FederatedIdentityCredential", w, { resourceName: `id-acme-dev-${w}`, issuer, subject: `system:serviceaccount:acme-dev:${w}`, audiences: ["api://AzureADTokenExchange"] }),
      ),
    ],
    outputs: { databaseHost, lakeZones: { raw: containerUrl("raw"), curated: containerUrl("curated") }, tenantId: SYNTHETIC.azure.tenantId },
  });
}

/** dev-aws's spec on the synthetic plan's cloud, with that cloud's account section. */
export function syntheticSpec(spec: PlatformSpec, cloud: "gcp" | "azure"): PlatformSpec {
  const account =
    cloud === "gcp"
      ? { gcp: { projectId: SYNTHETIC.gcp.project, projectNumber: SYNTHETIC.gcp.projectNumber } }
      : { azure: { subscriptionId: SYNTHETIC.azure.subscriptionId, tenantId: SYNTHETIC.azure.tenantId, resourceGroup: "rg-acme-dev" } };
  return { ...spec, cloud, account } as unknown as PlatformSpec;
}
