import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { startAzureStandIns, startGcpStandIns } from "../support/cloud-stand-ins.ts";
import { startFakeS3 } from "../support/fake-s3.ts";
import { testCertificate } from "../support/test-certificate.ts";
import { serviceAccountAnnotations, type PlannedWorkload } from "./plan-workloads.ts";

/**
 * What each cloud's plan means to the offline run, read in this one place: the database instance and the users
 * the workloads' identities may connect as, the lake's buckets or containers, and the credential stand-in that
 * cloud's pods get (and what of it reaches their environment). offline-system.ts runs the same workloads on any
 * of them; nothing else in test/e2e knows a cloud's resource types.
 *
 * - AWS: RDS (`aws:rds/instance:Instance`, users from the `rds-db:connect` grants), S3 (test/support/fake-s3.ts
 *   through AWS_ENDPOINT_URL_S3), EKS Pod Identity stood in for by fake static credentials.
 * - GCP: Cloud SQL (`gcp:sql/databaseInstance:DatabaseInstance`, `gcp:sql/database:Database`, the
 *   `gcp:sql/user:User`s of type CLOUD_IAM_SERVICE_ACCOUNT), Cloud Storage buckets with their
 *   `gcp:storage/bucketIAMMember:BucketIAMMember` grants, and per pod the GKE metadata server of the Google
 *   service account its ServiceAccount names (`iam.gke.io/gcp-service-account`). Pods get nothing in their env:
 *   `metadata.google.internal:80` and `storage.googleapis.com:443` are mapped to the stand-ins, as GKE serves them.
 * - Azure: the Flexible Server (`azure-native:dbforpostgresql:Server`, `…:Database`), users the workloads'
 *   `DATABASE_USER`s, each its pod's managed identity (the administrator maps them with
 *   pgaadauth_create_principal_with_oid); storage accounts and their `azure-native:storage:BlobContainer`s;
 *   Entra ID trusting the plan's `azure-native:managedidentity:FederatedIdentityCredential`s. A pod labelled
 *   `azure.workload.identity/use: "true"` whose ServiceAccount has `azure.workload.identity/client-id` gets what
 *   the webhook injects; `login.microsoftonline.com:443` and `<account>.blob.core.windows.net:443` are mapped.
 * A database user's `password` is what the cloud would check (the token its identity's stand-in issues), so
 * PostgreSQL checks it; AWS's IAM token cannot be checked offline, so those users are trusted over TLS.
 */
type Inputs = Record<string, any>;

export interface PlannedDatabase {
  readonly name: string;
  readonly port: number;
  readonly users: readonly { readonly name: string; readonly principal?: string }[];
}

export interface CloudRuntime {
  /** The lake's objects, keyed `<zone location>/<key>` (the zone location as `lakeZones` names it). */
  readonly objects: Map<string, Buffer>;
  /** What the runtime adds to a workload's environment (beyond TMPDIR and the network mapping). */
  env(w: PlannedWorkload): Record<string, string>;
  /** STRATUM_LOCAL_HOSTS entries the pod needs to reach the cloud's endpoints. */
  hosts(w: PlannedWorkload): Record<string, string>;
  /** The password PostgreSQL checks for the user, or undefined to trust it over TLS. */
  password(user: { name: string; principal?: string }): string | undefined;
  close(): Promise<void>;
}

export interface CloudPlanReader {
  database(plan: PlanReport, workloads: readonly PlannedWorkload[]): PlannedDatabase | undefined;
  start(plan: PlanReport, spec: PlatformSpec, workloads: readonly PlannedWorkload[], lake: boolean): Promise<CloudRuntime>;
}

const resources = (plan: PlanReport, type: string) => plan.resources.filter((r) => r.type === type).map((r) => ({ name: r.name, inputs: r.inputs as Inputs }));
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function plannedDatabase(plan: PlanReport, instanceType: string, databaseType: string | undefined, nameField: string, users: PlannedDatabase["users"], port?: unknown): PlannedDatabase | undefined {
  const instance = resources(plan, instanceType)[0];
  if (!instance) return undefined;
  const db = databaseType ? resources(plan, databaseType)[0] : instance;
  const name = db?.inputs[nameField];
  const where = `${databaseType ?? instanceType} ${db?.name ?? instance.name}`;
  // Both go into SQL and a listen() in offline-system.ts: plain identifiers and a port number only.
  if (typeof name !== "string" || !IDENTIFIER.test(name)) throw new Error(`${where}: ${nameField} ${JSON.stringify(name)} is not a plain identifier`);
  const planned = port ?? 5432;
  if (!Number.isInteger(planned)) throw new Error(`${instanceType} ${instance.name}: port ${JSON.stringify(planned)} is not a port number`);
  return { name, port: planned as number, users };
}

const noLakeObjects = () => new Map<string, Buffer>();

const aws: CloudPlanReader = {
  database(plan) {
    const users = resources(plan, "aws:iam/rolePolicy:RolePolicy").flatMap((r) => [...String(r.inputs["policy"]).matchAll(/:dbuser:[^/"]+\/([a-z_][a-z0-9_]*)"/g)].map((m) => m[1]!));
    const instance = resources(plan, "aws:rds/instance:Instance")[0];
    return plannedDatabase(plan, "aws:rds/instance:Instance", undefined, "dbName", [...new Set(users)].map((name) => ({ name })), instance?.inputs["port"]);
  },
  async start(_plan, _spec, _workloads, lake) {
    const s3 = lake ? await startFakeS3() : undefined;
    return {
      objects: s3?.objects ?? noLakeObjects(),
      // SageMaker runs the model with network isolation (the plan's enableNetworkIsolation): no credentials, no peers.
      env: (w) => (w.kind === "SageMaker model" ? {} : { ...FAKE_POD_IDENTITY, ...(s3 ? { AWS_ENDPOINT_URL_S3: s3.endpoint } : {}) }),
      hosts: () => ({}),
      password: () => undefined,
      close: async () => s3?.close(),
    };
  },
};

/** What EKS Pod Identity would hand the pod (short-lived credentials from its agent), stood in for by fakes. */
export const FAKE_POD_IDENTITY = {
  AWS_ACCESS_KEY_ID: "OFFLINEPODIDENTITY00",
  AWS_SECRET_ACCESS_KEY: "fake-eks-pod-identity-secret-for-the-offline-test",
  // Nothing to ask: no instance metadata service is stood in for, and none may be reached.
  AWS_EC2_METADATA_DISABLED: "true",
} as const;

const GCP_SA_ANNOTATION = "iam.gke.io/gcp-service-account";
const GCS_READ = new Set(["roles/storage.objectViewer", "roles/storage.objectUser", "roles/storage.objectAdmin"]);
const GCS_WRITE = new Set(["roles/storage.objectCreator", "roles/storage.objectUser", "roles/storage.objectAdmin"]);
/** A Cloud SQL IAM user names its service account without `.gserviceaccount.com`. */
const iamUserAccount = (user: string) => user.replace(/\.iam$/, ".iam.gserviceaccount.com");

const gcp: CloudPlanReader = {
  database(plan) {
    const users = resources(plan, "gcp:sql/user:User")
      .filter((u) => u.inputs["type"] === "CLOUD_IAM_SERVICE_ACCOUNT")
      .map((u) => ({ name: String(u.inputs["name"]), principal: iamUserAccount(String(u.inputs["name"])) }));
    return plannedDatabase(plan, "gcp:sql/databaseInstance:DatabaseInstance", "gcp:sql/database:Database", "name", users);
  },
  async start(plan, _spec, workloads, lake) {
    const accountOf = (w: PlannedWorkload) => (w.serviceAccount ? serviceAccountAnnotations(plan, w.serviceAccount)[GCP_SA_ANNOTATION] : undefined);
    const accounts = [...new Set(workloads.map(accountOf).filter((a): a is string => a !== undefined))];
    const grants = resources(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").map((g) => ({ bucket: String(g.inputs["bucket"]), role: String(g.inputs["role"]), member: String(g.inputs["member"]) }));
    const buckets = lake ? resources(plan, "gcp:storage/bucket:Bucket").map((b) => String(b.inputs["name"] ?? b.name)) : [];
    const standIns = await startGcpStandIns({
      serviceAccounts: accounts,
      buckets,
      tls: true,
      allowed: (who, bucket, access) => grants.some((g) => g.bucket === bucket && g.member === `serviceAccount:${who}` && (access === "read" ? GCS_READ : GCS_WRITE).has(g.role)),
    });
    return {
      objects: standIns.gcs.objects,
      // GKE injects nothing for Workload Identity: the libraries find the metadata server by its name.
      env: () => ({ NODE_EXTRA_CA_CERTS: testCertificate().file }),
      hosts: (w) => {
        const account = accountOf(w);
        const metadata = account ? standIns.metadata.get(account) : undefined;
        return {
          ...(metadata ? { "metadata.google.internal:80": metadata.host, "169.254.169.254:80": metadata.host } : {}),
          "storage.googleapis.com:443": `127.0.0.1:${standIns.gcs.port}`,
        };
      },
      password: (user) => (user.principal ? standIns.tokenOf(user.principal) : undefined),
      close: () => standIns.close(),
    };
  },
};

const AZURE_CLIENT_ANNOTATION = "azure.workload.identity/client-id";
const AZURE_USE_LABEL = "azure.workload.identity/use";

/** The managed identity's client id a pod gets from the webhook, if its label and ServiceAccount ask for one. */
function azureClientId(plan: PlanReport, w: PlannedWorkload): string | undefined {
  if (!w.serviceAccount || w.labels[AZURE_USE_LABEL] !== "true") return undefined;
  return serviceAccountAnnotations(plan, w.serviceAccount)[AZURE_CLIENT_ANNOTATION];
}

const azure: CloudPlanReader = {
  database(plan, workloads) {
    const users = new Map<string, string | undefined>();
    for (const w of workloads) if (w.env["DATABASE_USER"]) users.set(w.env["DATABASE_USER"], users.get(w.env["DATABASE_USER"]) ?? azureClientId(plan, w));
    return plannedDatabase(plan, "azure-native:dbforpostgresql:Server", "azure-native:dbforpostgresql:Database", "databaseName", [...users].map(([name, principal]) => ({ name, ...(principal ? { principal } : {}) })));
  },
  async start(plan, spec, workloads, lake) {
    const tenantId = spec.account.azure?.tenantId;
    if (!tenantId) throw new Error("the spec's stratum:account has no azure.tenantId: no tenant for the Entra stand-in");
    // Each workload's federated credential: the one whose subject is its ServiceAccount, trusted for its client id.
    const credentials = resources(plan, "azure-native:managedidentity:FederatedIdentityCredential").map((f) => ({ issuer: String(f.inputs["issuer"]), subject: String(f.inputs["subject"]) }));
    const federated = workloads.flatMap((w) => {
      const clientId = azureClientId(plan, w);
      const subject = w.serviceAccount ? `system:serviceaccount:${w.serviceAccount.namespace}:${w.serviceAccount.name}` : "";
      return clientId ? credentials.filter((c) => c.subject === subject).map((c) => ({ clientId, ...c })) : [];
    });
    const clusterIssuer = credentials.find((c) => c.subject.startsWith("system:serviceaccount:"))?.issuer ?? "https://oidc.offline.invalid/cluster/";
    const accounts = resources(plan, "azure-native:storage:StorageAccount").map((a) => String(a.inputs["accountName"] ?? a.name));
    const containers = lake
      ? resources(plan, "azure-native:storage:BlobContainer").map((c) => `https://${String(c.inputs["accountName"])}.blob.core.windows.net/${String(c.inputs["containerName"] ?? c.name)}`)
      : [];
    const standIns = await startAzureStandIns({ tenantId, issuer: clusterIssuer, federated, containers });
    return {
      objects: standIns.blob.blobs,
      env: (w) => {
        const clientId = azureClientId(plan, w);
        // What the webhook injects, with the authority it injects; the stand-in's certificate trusted.
        if (!clientId || !w.serviceAccount) return { NODE_EXTRA_CA_CERTS: testCertificate().file };
        return standIns.env({ clientId, namespace: w.serviceAccount.namespace, serviceAccount: w.serviceAccount.name }, { authorityHost: "https://login.microsoftonline.com/" });
      },
      hosts: () => standIns.hosts(accounts),
      password: (user) => (user.principal ? standIns.databaseTokenOf(user.principal) : undefined),
      close: () => standIns.close(),
    };
  },
};

const readers: Record<string, CloudPlanReader> = { aws, gcp, azure };

export function cloudPlanReader(spec: PlatformSpec): CloudPlanReader {
  const reader = readers[spec.cloud];
  if (!reader) throw new Error(`the offline run has no plan reader for cloud ${JSON.stringify(spec.cloud)} (it knows ${Object.keys(readers).join(", ")})`);
  return reader;
}
