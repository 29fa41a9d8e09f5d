import type { PlanResource } from "../../../lib/plan/model.ts";
import type { Plan, PlanMutation } from "../../conformance/inspector.ts";
import { kubernetesMutations } from "../../conformance/kubernetes-mutations.ts";
import { add, edit, first, one, remove, setOutput, type Inputs } from "../../conformance/plan-edits.ts";

/**
 * Changes to GCP plans that break one promise each, keyed by the conformance assertion they must make fail (a
 * rule id, or an inspector assertion's id): the suite applies each to a copy of the fixture plans and expects
 * that assertion to report a problem, so no assertion can pass by checking nothing.
 */


const bucket = "gcp:storage/bucket:Bucket";
const sql = "gcp:sql/databaseInstance:DatabaseInstance";
const gke = "gcp:container/cluster:Cluster";
const repository = "gcp:artifactregistry/repository:Repository";
const provider = "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider";
const auditConfig = "gcp:projects/iAMAuditConfig:IAMAuditConfig";
/** The GitHub provider of one CI identity (its pool is `<prefix>-<identity>`). */
const ofIdentity = (identity: string) => (r: PlanResource) => String((r.inputs as Inputs)["workloadIdentityPoolId"]).endsWith(`-${identity}`);
const lockedAuditBucket = (r: PlanResource) => (r.inputs as Inputs)["retentionPolicy"]?.isLocked === true;
const dataBucket = (r: PlanResource) => !lockedAuditBucket(r);

export const gcpConformanceMutations: Readonly<Record<string, readonly PlanMutation[]>> = {
  ...kubernetesMutations,
  "encryption-at-rest-cmk": [
    one("the cluster's Secrets without the cluster key", edit(gke, (i) => void (i["databaseEncryption"] = { state: "DECRYPTED" }))),
    one("a bucket on Google-managed keys", edit(bucket, (i) => void delete i["encryption"])),
    one("a repository without its key", edit(repository, (i) => void delete i["kmsKeyName"])),
  ],
  "key-rotation": [one("a key that never rotates", edit("gcp:kms/cryptoKey:CryptoKey", (i) => void delete i["rotationPeriod"]))],
  "no-public-data": [
    one("a bucket with public access prevention inherited", edit(bucket, (i) => void (i["publicAccessPrevention"] = "inherited"))),
    one("a bucket readable by allUsers", add("gcp:storage/bucketIAMMember:BucketIAMMember", "public-read", { bucket: "acme-dev-lake-raw", role: "roles/storage.objectViewer", member: "allUsers" })),
  ],
  "no-public-database": [one("a database with a public IPv4 address", edit(sql, (i) => void (i["settings"].ipConfiguration.ipv4Enabled = true)))],
  "no-public-network-access": [
    one("a Vertex AI endpoint on the public network", add("gcp:vertex/aiEndpoint:AiEndpoint", "public-endpoint", { location: "us-central1", displayName: "public", encryptionSpec: { kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k" } })),
  ],
  "private-cluster-endpoint": [one("a public cluster endpoint in prod", edit(gke, (i) => void (i["privateClusterConfig"].enablePrivateEndpoint = false)), "prod")],
  "no-internet-ingress": [
    one("a firewall rule open to 0.0.0.0/0", add("gcp:compute/firewall:Firewall", "open-ssh", { network: "vpc", direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] })),
    one("cluster nodes with public addresses", edit(gke, (i) => void (i["privateClusterConfig"].enablePrivateNodes = false))),
  ],
  "no-public-principal": [one("a repository readable by allUsers", edit("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", (i) => void (i["member"] = "allUsers")))],
  "cdn-waf": [one("the CDN backend without its Cloud Armor policy", edit("gcp:compute/backendBucket:BackendBucket", (i) => void delete i["edgeSecurityPolicy"]))],
  "tls-in-transit": [one("the HTTPS proxy on Google's default SSL policy", edit("gcp:compute/targetHttpsProxy:TargetHttpsProxy", (i) => void delete i["sslPolicy"]))],
  "database-ssl": [one("the database accepting unencrypted connections", edit(sql, (i) => void (i["settings"].ipConfiguration.sslMode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED")))],
  // Cloud Storage serves only TLS; the rule is S3's bucket policy, which a GCP plan fails only if it carries a bucket of S3's.
  "deny-insecure-transport": [one("an S3 bucket without a TLS-only policy in the plan", add("aws:s3/bucket:Bucket", "stray", { bucket: "stray" }))],
  "database-backups": [one("point-in-time recovery off in prod", edit(sql, (i) => void (i["settings"].backupConfiguration.pointInTimeRecoveryEnabled = false)), "prod")],
  "deletion-protection": [
    one("a deletable prod database", edit(sql, (i) => void (i["deletionProtection"] = false)), "prod"),
    one("a deletable prod cluster", edit(gke, (i) => void (i["deletionProtection"] = false)), "prod"),
  ],
  "zone-redundancy": [one("a single-zone prod database", edit(sql, (i) => void (i["settings"].availabilityType = "ZONAL")), "prod")],
  "audit-logging": [
    one("no data-access audit logs", remove(auditConfig)),
    one("the audit bucket's retention unlocked", edit(bucket, (i) => void (i["retentionPolicy"].isLocked = false), lockedAuditBucket)),
  ],
  "vpc-flow-logs": [one("the subnetwork without flow logs", edit("gcp:compute/subnetwork:Subnetwork", (i) => void delete i["logConfig"]))],
  "no-wildcard-iam": [one("a Role granting every verb on everything", edit("kubernetes:rbac.authorization.k8s.io/v1:Role", (i) => void (i["rules"] = [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }])))],
  "no-privileged-roles": [
    one("roles/editor on the project", edit("gcp:projects/iAMMember:IAMMember", (i) => void (i["role"] = "roles/editor"))),
    one("the deploy identity bound to cluster-admin", edit("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", (i) => void (i["roleRef"] = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }), (r) => (r.inputs as Inputs)["metadata"]?.name === "ci-deploy")),
  ],
  "resource-scoped-grants": [one("a bucket role granted on the whole project, unconditioned", edit("gcp:projects/iAMMember:IAMMember", (i) => { i["role"] = "roles/storage.objectViewer"; delete i["condition"]; }))],
  "ci-identity-federated": [one("the deploy provider admitting every repository of the owner", edit(provider, (i) => void (i["attributeCondition"] = "assertion.repository_owner == 'acme'"), ofIdentity("deploy")))],
  "no-long-lived-credentials": [one("a service account key", add("gcp:serviceaccount/key:Key", "ci-key", { serviceAccountId: "acme-dev-api" }))],
  "registry-immutable-scanned": [
    one("mutable tags", edit(repository, (i) => void (i["dockerConfig"] = { immutableTags: false }))),
    one("scanning off", edit(repository, (i) => void (i["vulnerabilityScanningConfig"] = { enablementConfig: "DISABLED" }))),
  ],
  "k8s-default-deny-network-policy": [
    ...kubernetesMutations["k8s-default-deny-network-policy"]!,
    one("a cluster that does not enforce them", edit(gke, (i) => void (i["datapathProvider"] = "LEGACY_DATAPATH"))),
  ],
  "required-tags": [one("a bucket without its owner label", edit(bucket, (i) => void delete i["labels"].owner))],
  "data-residency": [one("the provider in another region", edit("pulumi:providers:gcp", (i) => void (i["region"] = "europe-west4")))],
  // What no rule sees.
  "storage-versioned": [one("a data bucket without versioning", edit(bucket, (i) => void (i["versioning"] = { enabled: false }), dataBucket))],
  "storage-access-logged": [one("data-access logs without DATA_READ", edit(auditConfig, (i) => void (i["auditLogConfigs"] = [{ logType: "ADMIN_READ" }, { logType: "DATA_WRITE" }])))],
  "database-by-environment": [
    one("deletion protection on a dev database", edit(sql, (i) => void (i["deletionProtection"] = true)), "dev"),
    one("a single-zone prod database", edit(sql, (i) => void (i["settings"].availabilityType = "ZONAL")), "prod"),
  ],
  "key-per-domain": [one("one key for every domain", (plan) => remove("gcp:kms/cryptoKey:CryptoKey", (r) => r !== first(plan, "gcp:kms/cryptoKey:CryptoKey"))(plan))],
  "ci-exact-subjects": [
    one("the publish provider admitting another branch", edit(provider, (i) => void (i["attributeCondition"] = String(i["attributeCondition"]).replace("refs/heads/main", "refs/heads/release")), ofIdentity("publish"))),
    one("the review provider admitting preview", edit(provider, (i) => void (i["attributeCondition"] = String(i["attributeCondition"]).replace(/environment:review'/, "environment:preview'")), ofIdentity("review")), "dev"),
    one("the preview identity exported as the deploy identity", (plan) => setOutput("previewIdentity", plan.outputs["deployIdentity"])(plan)),
  ],
  "secret-outputs": [
    one("the kubeconfig exported in plain text", setOutput("kubeconfig", "apiVersion: v1\nusers: [{name: admin, user: {token: abc}}]")),
    one("a password in a plain output", setOutput("databaseHost", "admin:password@db.internal")),
  ],
};
