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

export const gcpRoles: readonly RoleEntry[] = [
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
    role: "roles/iam.workloadIdentityUser",
    grants: ["iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken"],
    scope: "not bound",
    source: reference("iam"),
    note: "lets a federated principal impersonate a service account; direct federation needs no service account",
  },
];
