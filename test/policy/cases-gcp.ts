import type { PlanResource } from "../../lib/plan/model.ts";
import { res } from "./fixtures.ts";
import { lockedSink, one, type Case, type Cases } from "./rule-case.ts";

/*
 * GCP cases, in the @pulumi/gcp 9 input names the drivers record (checked against node_modules/@pulumi/gcp/<module>/*.d.ts).
 * Each new resource type or property a rule reads on GCP has a compliant and a violating case here or in rules.test.ts.
 */

const key = "projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k";
const gcp = { cloud: "gcp" } as const;
const github = { issuerUri: "https://token.actions.githubusercontent.com" };
const wif = (attributeCondition: string | undefined, attributeMapping: Record<string, string> = { "google.subject": "assertion.sub" }): Record<string, unknown> => ({
  workloadIdentityPoolId: "github",
  workloadIdentityPoolProviderId: "github",
  oidc: github,
  attributeMapping,
  ...(attributeCondition === undefined ? {} : { attributeCondition }),
});
const pinned = "assertion.repository == 'acme/shop' && assertion.environment == 'prod'";
const wifCase = (condition: string | undefined, mapping?: Record<string, string>): Case => one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", wif(pinned), wif(condition, mapping), "gcp");
const member = (type: string, m: string, role = "roles/viewer-ish") => res(type, "m", { role, member: m });
const grantCase = (type: string, role: string): Case => ({ ...gcp, pass: [member(type, "serviceAccount:api@p.iam.gserviceaccount.com", role)], fail: [member(type, "allUsers", role)] });
const audit = res("gcp:projects/iAMAuditConfig:IAMAuditConfig", "audit", { project: "p", service: "allServices", auditLogConfigs: [{ logType: "DATA_READ" }, { logType: "DATA_WRITE" }] });
const sinkTo = (destination: string): PlanResource => res("gcp:logging/projectSink:ProjectSink", "audit-sink", { destination, uniqueWriterIdentity: true });
const privateCluster = { privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true } };
const firewall = (change: Record<string, unknown>) => ({ network: "vpc", direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["443"] }], ...change });
const repository = (change: Record<string, unknown>) => ({ format: "DOCKER", mode: "STANDARD_REPOSITORY", dockerConfig: { immutableTags: true }, vulnerabilityScanningConfig: { enablementConfig: "INHERITED" }, ...change });
const urlMap = (redirect: boolean) => res("gcp:compute/uRLMap:URLMap", "http-redirect", redirect ? { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } } : { defaultService: "site-backend" });
const httpProxy = res("gcp:compute/targetHttpProxy:TargetHttpProxy", "http", { urlMap: "http-redirect" });
const residency = { allowedRegions: ["europe-west1"] };

export const gcpCases: Cases = {
  "encryption-at-rest-cmk": [one("gcp:container/cluster:Cluster", { databaseEncryption: { state: "ENCRYPTED", keyName: key } }, { databaseEncryption: { state: "ENCRYPTED" } }, "gcp")],
  "key-rotation": [
    one("gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "2592000s" }, { rotationPeriod: "8640000s" }, "gcp"),
    one("gcp:kms/cryptoKey:CryptoKey", { rotationPeriod: "7776000s" }, { rotationPeriod: "90d" }, "gcp"),
  ],
  "no-public-data": [
    one("gcp:storage/bucket:Bucket", { publicAccessPrevention: "enforced", uniformBucketLevelAccess: true }, { publicAccessPrevention: "enforced", uniformBucketLevelAccess: false }, "gcp"),
    { ...gcp, pass: [res("gcp:storage/bucketIAMBinding:BucketIAMBinding", "b", { bucket: "lake-raw", role: "roles/storage.objectViewer", members: ["group:data@acme.com"] })], fail: [res("gcp:storage/bucketIAMBinding:BucketIAMBinding", "b", { bucket: "lake-raw", role: "roles/storage.objectViewer", members: ["group:data@acme.com", "allAuthenticatedUsers"] })] },
    grantCase("gcp:bigquery/datasetIamMember:DatasetIamMember", "roles/bigquery.dataViewer"),
    { ...gcp, pass: [res("gcp:bigquery/datasetIamBinding:DatasetIamBinding", "b", { datasetId: "warehouse", role: "roles/bigquery.dataViewer", members: ["serviceAccount:etl@p.iam.gserviceaccount.com"] })], fail: [res("gcp:bigquery/datasetIamBinding:DatasetIamBinding", "b", { datasetId: "warehouse", role: "roles/bigquery.dataViewer", members: ["allUsers"] })] },
    one("gcp:bigquery/datasetAccess:DatasetAccess", { datasetId: "warehouse", role: "READER", userByEmail: "etl@p.iam.gserviceaccount.com" }, { datasetId: "warehouse", role: "READER", iamMember: "allUsers" }, "gcp"),
  ],
  "no-public-principal": [
    grantCase("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "roles/artifactregistry.reader"),
    { ...gcp, pass: [res("gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding", "b", { repository: "api", role: "roles/artifactregistry.reader", members: ["serviceAccount:nodes@p.iam.gserviceaccount.com"] })], fail: [res("gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding", "b", { repository: "api", role: "roles/artifactregistry.reader", members: ["allUsers"] })] },
    grantCase("gcp:secretmanager/secretIamMember:SecretIamMember", "roles/secretmanager.secretAccessor"),
    { ...gcp, pass: [res("gcp:secretmanager/secretIamBinding:SecretIamBinding", "b", { secretId: "db", role: "roles/secretmanager.secretAccessor", members: ["serviceAccount:api@p.iam.gserviceaccount.com"] })], fail: [res("gcp:secretmanager/secretIamBinding:SecretIamBinding", "b", { secretId: "db", role: "roles/secretmanager.secretAccessor", members: ["allAuthenticatedUsers"] })] },
    grantCase("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "roles/cloudkms.cryptoKeyEncrypterDecrypter"),
    grantCase("gcp:projects/iAMMember:IAMMember", "roles/logging.viewer"),
    grantCase("gcp:organizations/iAMMember:IAMMember", "roles/browser"),
  ],
  "no-public-network-access": [
    one("gcp:vertex/aiEndpoint:AiEndpoint", { network: "projects/1/global/networks/vpc", encryptionSpec: { kmsKeyName: key } }, { encryptionSpec: { kmsKeyName: key } }, "gcp"),
    one("gcp:vertex/aiEndpoint:AiEndpoint", { privateServiceConnectConfig: { enablePrivateServiceConnect: true, projectAllowlists: ["p"] } }, { privateServiceConnectConfig: { enablePrivateServiceConnect: false } }, "gcp"),
  ],
  "tls-in-transit": [
    one("gcp:compute/targetHttpsProxy:TargetHttpsProxy", { urlMap: "site", sslCertificates: ["site-cert"], sslPolicy: "tls12" }, { urlMap: "site", sslCertificates: ["site-cert"] }, "gcp"),
    one("gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_3", profile: "RESTRICTED" }, { minTlsVersion: "TLS_1_1", profile: "MODERN" }, "gcp"),
    { ...gcp, pass: [urlMap(true), httpProxy], fail: [urlMap(false), httpProxy] },
  ],
  "database-ssl": [one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { ipv4Enabled: false, sslMode: "TRUSTED_CLIENT_CERTIFICATE_REQUIRED" } } }, { settings: { ipConfiguration: { ipv4Enabled: false } } }, "gcp")],
  "no-public-database": [one("gcp:sql/databaseInstance:DatabaseInstance", { settings: { ipConfiguration: { ipv4Enabled: false, privateNetwork: "vpc" } } }, { settings: { ipConfiguration: { privateNetwork: "vpc" } } }, "gcp")],
  "audit-logging": [
    { ...gcp, ctx: { cloud: "gcp" }, pass: [audit, ...lockedSink], fail: [audit, res("gcp:storage/bucket:Bucket", "audit", { name: "acme-audit", retentionPolicy: { retentionPeriod: "31536000" } }), sinkTo("storage.googleapis.com/acme-audit")] },
    {
      ...gcp,
      ctx: { cloud: "gcp" },
      pass: [audit, res("gcp:logging/projectBucketConfig:ProjectBucketConfig", "audit-logs", { project: "p", location: "europe-west1", bucketId: "audit", retentionDays: 400, locked: true }), sinkTo("logging.googleapis.com/projects/p/locations/europe-west1/buckets/audit")],
      fail: [audit, res("gcp:logging/projectBucketConfig:ProjectBucketConfig", "audit-logs", { project: "p", location: "europe-west1", bucketId: "audit", retentionDays: 400 }), sinkTo("logging.googleapis.com/projects/p/locations/europe-west1/buckets/audit")],
    },
    { ...gcp, ctx: { cloud: "gcp" }, pass: [audit, ...lockedSink], fail: [audit] },
  ],
  "no-privileged-roles": [
    one("gcp:projects/iAMBinding:IAMBinding", { role: "roles/container.developer", members: ["group:platform@acme.com"] }, { role: "roles/owner", members: ["group:platform@acme.com"] }, "gcp"),
    one("gcp:projects/iAMMember:IAMMember", { role: "roles/monitoring.viewer", member: "serviceAccount:a@p" }, { role: "roles/viewer", member: "serviceAccount:a@p" }, "gcp"),
    one("gcp:storage/bucketIAMMember:BucketIAMMember", { bucket: "lake-raw", role: "roles/storage.objectViewer", member: "serviceAccount:a@p" }, { bucket: "lake-raw", role: "roles/editor", member: "serviceAccount:a@p" }, "gcp"),
    one("gcp:serviceaccount/iAMMember:IAMMember", { role: "roles/iam.workloadIdentityUser", member: "principalSet://iam.googleapis.com/x" }, { role: "roles/owner", member: "principalSet://iam.googleapis.com/x" }, "gcp"),
    one("gcp:secretmanager/secretIamMember:SecretIamMember", { role: "roles/secretmanager.secretAccessor", member: "serviceAccount:a@p" }, { role: "roles/viewer", member: "serviceAccount:a@p" }, "gcp"),
    one("gcp:organizations/iAMMember:IAMMember", { role: "roles/resourcemanager.projectCreator", member: "group:admins@acme.com" }, { role: "roles/iam.securityAdmin", member: "group:admins@acme.com" }, "gcp"),
  ],
  "resource-scoped-grants": [
    one("gcp:projects/iAMMember:IAMMember", { role: "roles/cloudsql.instanceUser", member: "serviceAccount:api@p" }, { role: "roles/storage.objectViewer", member: "serviceAccount:api@p" }, "gcp"),
    one("gcp:projects/iAMBinding:IAMBinding", { role: "roles/secretmanager.secretAccessor", members: ["serviceAccount:api@p"], condition: { title: "db", expression: "resource.name.endsWith('/secrets/db')" } }, { role: "roles/secretmanager.secretAccessor", members: ["serviceAccount:api@p"] }, "gcp"),
    one("gcp:projects/iAMMember:IAMMember", { role: "roles/artifactregistry.serviceAgent", member: "serviceAccount:sa@p" }, { role: "roles/artifactregistry.reader", member: "serviceAccount:nodes@p" }, "gcp"),
  ],
  "ci-identity-federated": [
    wifCase(undefined),
    wifCase("assertion.repository_owner == 'acme'"),
    wifCase("assertion.repository == 'acme/shop'"),
    wifCase("assertion.repository == 'acme/shop' || assertion.environment == 'prod'"),
    wifCase("assertion.repository.startsWith('acme/') && assertion.environment == 'prod'"),
    wifCase("assertion.repository == 'acme/*' && assertion.environment == 'prod'"),
    wifCase("attribute.repository == 'acme/shop' && assertion.environment == 'prod'", { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository_owner" }),
    one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", wif("attribute.repository == 'acme/shop' && assertion.ref == 'refs/heads/main'", { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" }), wif("assertion.repository == 'acme/shop' && assertion.ref != 'refs/heads/dev'"), "gcp"),
    one("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", wif("assertion.sub == 'repo:acme/shop:environment:prod' && assertion.repository == 'acme/shop'"), wif("assertion.sub == 'repo:acme/shop:pull_request' && assertion.repository == 'acme/shop'"), "gcp"),
  ],
  "no-long-lived-credentials": [one("gcp:container/cluster:Cluster", { masterAuth: { clientCertificateConfig: { issueClientCertificate: false } } }, { masterAuth: { clientCertificateConfig: { issueClientCertificate: true } } }, "gcp")],
  "no-internet-ingress": [
    one("gcp:compute/firewall:Firewall", firewall({ sourceTags: ["lb"] }), firewall({}), "gcp"),
    one("gcp:compute/firewall:Firewall", firewall({ sourceRanges: ["0.0.0.0/0"], disabled: true }), firewall({ sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] }), "gcp"),
    one("gcp:compute/firewall:Firewall", firewall({ sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"] }), firewall({ sourceRanges: ["::/0"] }), "gcp"),
    one("gcp:compute/firewall:Firewall", { direction: "INGRESS", denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] }, { direction: "INGRESS", allows: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"], sourceTags: ["web"] }, "gcp"),
    one("gcp:container/cluster:Cluster", privateCluster, { privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: false } }, "gcp"),
    one(
      "gcp:container/cluster:Cluster",
      { privateClusterConfig: { enablePrivateNodes: true }, masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "203.0.113.10/32", displayName: "ci" }] } },
      { privateClusterConfig: { enablePrivateNodes: true }, masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "203.0.113.10/32" }], gcpPublicCidrsAccessEnabled: true } },
      "gcp",
    ),
  ],
  "private-cluster-endpoint": [{ ...one("gcp:container/cluster:Cluster", {}, {}, "gcp", { environment: "dev" }), passOnly: true }],
  "registry-immutable-scanned": [
    one("gcp:artifactregistry/repository:Repository", repository({}), repository({ vulnerabilityScanningConfig: { enablementConfig: "DISABLED" } }), "gcp"),
    one("gcp:artifactregistry/repository:Repository", repository({}), repository({ vulnerabilityScanningConfig: undefined }), "gcp"),
    one("gcp:artifactregistry/repository:Repository", { format: "PYTHON" }, repository({ dockerConfig: { immutableTags: false } }), "gcp"),
    // A remote repository (a pull-through cache) owns no tags, but what it serves is still scanned.
    one("gcp:artifactregistry/repository:Repository", repository({ mode: "REMOTE_REPOSITORY", dockerConfig: undefined }), repository({ mode: "REMOTE_REPOSITORY", dockerConfig: undefined, vulnerabilityScanningConfig: { enablementConfig: "DISABLED" } }), "gcp"),
  ],
  "cdn-waf": [one("gcp:compute/backendBucket:BackendBucket", { bucketName: "acme-site", enableCdn: true, edgeSecurityPolicy: "site-edge" }, { bucketName: "acme-site", enableCdn: true }, "gcp")],
  "k8s-default-deny-network-policy": [
    one("gcp:container/cluster:Cluster", { datapathProvider: "ADVANCED_DATAPATH" }, { datapathProvider: "LEGACY_DATAPATH" }, "gcp"),
    one("gcp:container/cluster:Cluster", { networkPolicy: { enabled: true, provider: "CALICO" } }, { networkPolicy: { enabled: false } }, "gcp"),
  ],
  "data-residency": [
    one("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", location: "europe-west1" }, { datasetId: "warehouse", location: "EU" }, "gcp", residency),
    one("gcp:sql/databaseInstance:DatabaseInstance", { region: "europe-west1" }, { region: "us-east1" }, "gcp", residency),
    one("gcp:container/cluster:Cluster", { location: "europe-west1" }, { location: "europe-west4" }, "gcp", residency),
    one("pulumi:providers:gcp", { project: "p", region: "europe-west1" }, { project: "p", region: "us-central1" }, "gcp", residency),
  ],
};
