import type { RoleEntry } from "./role-table.ts";

/**
 * The roles a GCP driver binds to a stack's CI identities, mapped to the permissions the workflows' steps declare
 * (workflows/cloud-access.ts). `grants` lists the permissions of each role that the steps use, not the role's
 * whole list: the source page has that. On GCP each identity is a principal set of its own workload identity pool
 * (direct federation: `principalSet://iam.googleapis.com/projects/<number>/locations/global/workloadIdentityPools/<pool>/*`),
 * so each binding below names the pool of that identity, on the resource in `scope`, never on the project where
 * a resource binding exists.
 */
const reference = (service: string) => `https://cloud.google.com/iam/docs/roles-permissions/${service}`;

const roles: readonly RoleEntry[] = [
  {
    role: "roles/artifactregistry.writer",
    grants: ["artifactregistry.repositories.downloadArtifacts", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.create", "artifactregistry.tags.update", "artifactregistry.tags.get", "artifactregistry.tags.list"],
    grantTo: ["publish"],
    scope: "each workload's Artifact Registry repository (`registryUrls`)",
    source: reference("artifactregistry"),
  },
  {
    role: "roles/artifactregistry.reader",
    grants: ["artifactregistry.repositories.downloadArtifacts", "artifactregistry.tags.get", "artifactregistry.tags.list"],
    grantTo: ["deploy"],
    scope: "each workload's Artifact Registry repository: cosign verify reads the image and its signature",
    source: reference("artifactregistry"),
  },
  {
    role: "roles/storage.objectUser",
    grants: ["storage.objects.create", "storage.objects.delete", "storage.objects.get", "storage.objects.list", "storage.objects.update"],
    grantTo: ["deploy"],
    scope: "the Pulumi state bucket (`gs://` backend) and the front-end bucket (`frontendBucket`)",
    source: reference("storage"),
    note: "objects only, no IAM: enough for the state and for `gcloud storage rsync --delete-unmatched-destination-objects`",
  },
  {
    role: "roles/storage.objectAdmin",
    grants: ["storage.objects.create", "storage.objects.delete", "storage.objects.get", "storage.objects.list", "storage.objects.update", "storage.objects.setIamPolicy"],
    scope: "not bound",
    source: reference("storage"),
    note: "grants object IAM besides: roles/storage.objectUser does what the steps need",
  },
  {
    role: "roles/storage.objectViewer",
    grants: ["storage.objects.get", "storage.objects.list"],
    grantTo: ["preview"],
    scope: "the Pulumi state bucket",
    source: reference("storage"),
  },
  {
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    grants: ["cloudkms.cryptoKeyVersions.useToEncrypt", "cloudkms.cryptoKeyVersions.useToDecrypt"],
    grantTo: ["deploy"],
    scope: "the secrets provider's key (`gcpkms://`)",
    source: reference("cloudkms"),
  },
  {
    role: "roles/cloudkms.cryptoKeyDecrypter",
    grants: ["cloudkms.cryptoKeyVersions.useToDecrypt"],
    grantTo: ["preview"],
    scope: "the secrets provider's key",
    source: reference("cloudkms"),
  },
  {
    role: "roles/container.clusterViewer",
    grants: ["container.clusters.get", "container.clusters.list"],
    grantTo: ["deploy", "preview"],
    scope: "the project (GKE has no per-cluster IAM): reaching the cluster's API server (`clusterName`) and nothing in it",
    source: reference("container"),
    note: "what the identity may do inside the cluster is Kubernetes RBAC bound to its pool's subject (components/kubernetes/rbac.ts): deploy a Role in the environment's namespace, preview the read-only view ClusterRole",
  },
  {
    role: "roles/container.developer",
    grants: ["container.clusters.get", "container.clusters.list"],
    scope: "not bound",
    source: reference("container"),
    note: "bound on the project it grants every Kubernetes object of every cluster there, Secrets included: roles/container.clusterViewer and namespaced RBAC instead",
  },
  {
    role: "roles/container.viewer",
    grants: ["container.clusters.get", "container.clusters.list"],
    scope: "not bound",
    source: reference("container"),
    note: "read access to every cluster's objects in the project: roles/container.clusterViewer and the view ClusterRole instead",
  },
  {
    role: "custom:stratumReviewBinder",
    grants: ["iam.serviceAccounts.get", "iam.serviceAccounts.getIamPolicy", "iam.serviceAccounts.setIamPolicy"],
    grantTo: ["review"],
    scope: "each dev workload's service account: a review namespace's ServiceAccount becomes its workloadIdentityUser",
    source: "the GCP CI identity driver (components/clouds/gcp/review-binder.ts: an IAM custom role with exactly these permissions)",
  },
  {
    role: "custom:stratumCdnInvalidator",
    grants: ["compute.urlMaps.invalidateCache"],
    grantTo: ["deploy"],
    scope: "the front end's URL map (`frontendCdnId`)",
    source: "the GCP front-end driver (an IAM custom role with exactly this permission)",
    note: "roles/compute.loadBalancerAdmin grants it too, with every other load-balancing change",
  },
  {
    role: "roles/compute.loadBalancerAdmin",
    grants: ["compute.urlMaps.invalidateCache", "compute.urlMaps.get", "compute.urlMaps.update"],
    scope: "not bound",
    source: reference("compute"),
    note: "far broader than invalidation: the custom role above is bound instead",
  },
  {
    role: "roles/aiplatform.user",
    grants: ["aiplatform.endpoints.deploy", "aiplatform.endpoints.undeploy", "aiplatform.endpoints.get"],
    grantTo: ["deploy"],
    scope: "stacks with managed models: the Vertex AI endpoints (`modelEndpoints`)",
    source: reference("aiplatform"),
  },
  {
    role: "custom:stratumModelUploader",
    grants: ["aiplatform.models.get", "aiplatform.models.upload"],
    grantTo: ["deploy"],
    scope: "stacks with managed models: the project (`projectId`), unconditioned: a model is created in the project's location by the upload, so no resource exists to bind on or to name in a condition",
    source: "the GCP model serving driver (components/ml/serving/gcp.ts: an IAM custom role with exactly these permissions)",
    note: "roles/aiplatform.user holds both, with the rest of Vertex AI on the project: it is bound on the endpoints only",
  },
  {
    role: "roles/iam.workloadIdentityUser",
    grants: ["iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken"],
    scope: "not bound",
    source: reference("iam"),
    note: "lets a federated principal impersonate a service account; direct federation needs no service account",
  },
];

/**
 * The published role data each predefined role's `grants` was checked against: Google's role definitions
 * (`includedPermissions`, as the IAM roles API lists them) that iam-dataset records, one file per role
 * (test/permissions/role-sources.test.ts holds the table to an extract of them).
 */
const roleData = (role: string) => `https://github.com/iann0036/iam-dataset/blob/2073fa52ac008a45477aa0b1b4580cd99135bf60/gcp/roles/${role.slice("roles/".length)}.json`;

/** The roles the Pulumi state backend's bootstrap binds (docs/gcp.md): on the state bucket and the secrets key. */
const stateRoles = new Set(["roles/storage.objectViewer", "roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyDecrypter"]);
/** The review identity pushes the pull request's images to the dev repositories and reaches the dev cluster. */
const reviewToo = new Set(["roles/artifactregistry.writer", "roles/container.clusterViewer"]);

export const gcpRoles: readonly RoleEntry[] = roles.map((r) => ({
  ...r,
  ...(r.role.startsWith("roles/") ? { checked: roleData(r.role) } : {}),
  ...(stateRoles.has(r.role) ? { outsideStack: true } : {}),
  ...(reviewToo.has(r.role) && r.grantTo ? { grantTo: [...r.grantTo, "review" as const] } : {}),
}));
