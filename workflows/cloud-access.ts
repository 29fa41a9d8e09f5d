import type { Cloud } from "../components/spec/schema.ts";
import type { CloudAccess, CloudResource } from "./model.ts";
import type { StackTarget } from "./platform.ts";

/**
 * What each cloud-acting step does in the cloud, per cloud, in one place: the actions (AWS), permissions (GCP) or
 * actions and data actions (Azure) and the resource each acts on, named by the cloud-neutral stack outputs
 * (`registryUrls`, `clusterName`, `frontendBucket`, `frontendCdnId`, `modelEndpoints`). The drivers bind roles that
 * grant them (lib/permissions/gcp-roles.ts, azure-roles.ts map the roles to what they grant), and the offline
 * permission check evaluates them against the identity each job logs in as.
 */

const on = (resource: CloudResource) => (action: string): CloudAccess => ({ action, resource });
const repository = (workload: string): CloudResource => ({ output: "registryUrls", key: workload });

/** The Pulumi command a step runs, for what it does in the cloud. */
export type PulumiCommand = "up" | "preview" | "refresh" | "output";

/**
 * The stack's checkpoint in a self-managed backend (`s3://`, `gs://`, `azblob://`) and its secrets provider's key
 * (`awskms://`, `gcpkms://`, `azurekeyvault://`): outside the plan, so listed as `pulumi-state`.
 */
const state: Record<Cloud, { read: readonly string[]; write: readonly string[]; decrypt: readonly string[] }> = {
  aws: { read: ["s3:GetObject"], write: ["s3:PutObject"], decrypt: ["kms:Decrypt"] },
  gcp: { read: ["storage.objects.get", "storage.objects.list"], write: ["storage.objects.create", "storage.objects.delete"], decrypt: ["cloudkms.cryptoKeyVersions.useToDecrypt"] },
  azure: {
    read: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"],
    write: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write"],
    decrypt: ["Microsoft.KeyVault/vaults/keys/decrypt/action"],
  },
};

/**
 * What reaching the cluster takes. AWS: the kubeconfig's `aws eks get-token` and the provider describe the cluster.
 * GCP: `gke-gcloud-auth-plugin` mints a token from the job's login; GKE checks `container.clusters.get` and then
 * the Kubernetes RBAC of the principal. Azure: the program reads the cluster user kubeconfig
 * (`listClusterUserCredential`) whose `kubelogin` exec turns the job's Azure CLI login into an Entra ID token.
 */
const cluster: Record<Cloud, readonly string[]> = {
  aws: ["eks:DescribeCluster"],
  gcp: ["container.clusters.get"],
  azure: ["Microsoft.ContainerService/managedClusters/read", "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"],
};

/**
 * What `pulumi up` does to a managed model's endpoint when its image changes. GCP: nothing; the endpoint's deployed
 * models are output-only, so the deploy job's own step deploys the image (`managedModelAccess`).
 */
const managedModel: Record<Cloud, readonly string[]> = {
  aws: ["sagemaker:UpdateEndpoint"],
  gcp: [],
  azure: ["Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write"],
};

/**
 * The Vertex AI deploy step (workflows/model-deploy.ts): read the stack's outputs; per managed model, describe its
 * endpoint (`aiplatform.endpoints.get`), look for and upload the model in the project (models are created in the
 * project's location, so no resource exists to bind on before the upload), deploy it to the endpoint and undeploy
 * the previous one. The Vertex AI service agent pulls the image; the deploy identity can read the repository
 * besides (it verified the signature there).
 */
export function managedModelAccess(stack: StackTarget): CloudAccess[] {
  const endpointActions = ["aiplatform.endpoints.get", "aiplatform.endpoints.deploy", "aiplatform.endpoints.undeploy"];
  const projectActions = ["aiplatform.models.get", "aiplatform.models.upload"];
  return [
    ...pulumiAccess(stack, "output"),
    ...stack.managedModels.flatMap((m) => [
      ...pullAccess(stack.cloud, m),
      ...projectActions.map(on({ output: "projectId" })),
      ...endpointActions.map(on({ output: "modelEndpoints", key: m })),
    ]),
  ];
}

/**
 * What a Pulumi command does in the cloud, as far as it can be named: the stack's state (read, and written by
 * `up`), the caller identity the provider checks (AWS), the cluster the Kubernetes provider reaches, and for `up`
 * the managed model endpoints a new image updates.
 */
export function pulumiAccess(stack: StackTarget, command: PulumiCommand): CloudAccess[] {
  const s = state[stack.cloud];
  const stateAccess = [...s.read, ...(command === "up" ? s.write : [])].map(on("pulumi-state"));
  if (command === "output") return stateAccess;
  return [
    ...stateAccess,
    // Secrets in the stack's config and state, under the backend's secrets provider.
    ...s.decrypt.map(on("pulumi-state")),
    ...(stack.cloud === "aws" ? [on("*")("sts:GetCallerIdentity")] : []),
    ...cluster[stack.cloud].map(on({ output: "clusterName" })),
    ...(command === "up" ? stack.managedModels.flatMap((m) => managedModel[stack.cloud].map(on({ output: "modelEndpoints", key: m }))) : []),
  ];
}

/**
 * Logging in to the registry. ECR's token takes an action on no resource; Artifact Registry takes the job's own
 * access token (nothing is asked of the cloud); ACR exchanges the job's Entra ID token at the registry itself
 * (the `registryHost` output), which issues a registry token only to a principal with a role on it (AcrPush and
 * AcrPull both hold the pull action).
 */
export function registryLoginAccess(cloud: Cloud): CloudAccess[] {
  const access: Record<Cloud, CloudAccess[]> = {
    aws: [on("*")("ecr:GetAuthorizationToken")],
    gcp: [],
    azure: [on({ output: "registryHost" })("Microsoft.ContainerRegistry/registries/pull/read")],
  };
  return access[cloud];
}

/** Pushing an image by digest (skopeo: inspect, then copy with a tag) and cosign pushing its signature. */
export function pushAccess(cloud: Cloud, workload: string): CloudAccess[] {
  const actions: Record<Cloud, readonly string[]> = {
    aws: ["ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"],
    gcp: ["artifactregistry.repositories.downloadArtifacts", "artifactregistry.repositories.uploadArtifacts", "artifactregistry.tags.create"],
    azure: ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"],
  };
  return actions[cloud].map(on(repository(workload)));
}

/** Reading an image and its signature (cosign verify) from the workload's repository. */
export function pullAccess(cloud: Cloud, workload: string): CloudAccess[] {
  const actions: Record<Cloud, readonly string[]> = {
    aws: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    gcp: ["artifactregistry.repositories.downloadArtifacts"],
    azure: ["Microsoft.ContainerRegistry/registries/pull/read"],
  };
  return actions[cloud].map(on(repository(workload)));
}

/** What the signing step does besides pushing: cosign reads the layers of the signature it checks for first. */
export function signAccess(cloud: Cloud, workload: string): CloudAccess[] {
  return [...pushAccess(cloud, workload), ...(cloud === "aws" ? [on(repository(workload))("ecr:GetDownloadUrlForLayer")] : [])];
}

const bucket = { output: "frontendBucket" } as const;

/** Uploading the built front end with deletion of files gone from the build (s3 sync, gcloud storage rsync, az storage blob sync). */
export function siteUploadAccess(cloud: Cloud): CloudAccess[] {
  const objects = { ...bucket, suffix: "/*" };
  // Azure: the static website's `$web` container in the `frontendBucket` storage account; data actions.
  const web = { ...bucket, suffix: "/blobServices/default/containers/$web" };
  const blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
  const access: Record<Cloud, CloudAccess[]> = {
    aws: [on(bucket)("s3:ListBucket"), on(objects)("s3:PutObject"), on(objects)("s3:DeleteObject")],
    gcp: ["storage.objects.list", "storage.objects.get", "storage.objects.create", "storage.objects.delete"].map(on(bucket)),
    azure: [`${blobs}/read`, `${blobs}/write`, `${blobs}/delete`].map(on(web)),
  };
  return access[cloud];
}

/** Invalidating the CDN in front of the site: the CloudFront distribution, the URL map, the Front Door endpoint. */
export function siteInvalidateAccess(cloud: Cloud): CloudAccess[] {
  const actions: Record<Cloud, string> = {
    aws: "cloudfront:CreateInvalidation",
    gcp: "compute.urlMaps.invalidateCache",
    azure: "Microsoft.Cdn/profiles/afdEndpoints/purge/action",
  };
  return [on({ output: "frontendCdnId" })(actions[cloud])];
}

/**
 * What a review stack's `pulumi up` and `destroy` (review.yml, in the dev stack's cloud) do besides what any Pulumi
 * command does: reach the dev cluster, and give each review workload the dev workload's identity, named by the dev
 * stack's `workloadRoles` output. AWS: EKS Pod Identity associations (which pass the dev workloads' roles;
 * lib/permissions implies the PassRole). GCP: a workloadIdentityUser member in each dev workload service account's
 * IAM policy (components/clouds/gcp/review-binder.ts). Azure: a federated credential on each dev workload's
 * user-assigned identity, which the review reads first (components/kubernetes/identity/azure-review.ts).
 */
export function reviewStackAccess(cloud: Cloud, workloads: readonly string[], command: "up" | "destroy"): CloudAccess[] {
  const clusterName = on({ output: "clusterName" });
  const identity = (workload: string) => on({ output: "workloadRoles", key: workload });
  const credentials = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials";
  const access: Record<Cloud, () => CloudAccess[]> = {
    aws: () => ["eks:DescribeCluster", ...(command === "up" ? ["eks:CreatePodIdentityAssociation"] : []), "eks:ListPodIdentityAssociations"].map(clusterName),
    gcp: () => [
      ...cluster.gcp.map(clusterName),
      ...workloads.flatMap((w) => ["iam.serviceAccounts.get", "iam.serviceAccounts.getIamPolicy", "iam.serviceAccounts.setIamPolicy"].map(identity(w))),
    ],
    azure: () => [
      ...cluster.azure.map(clusterName),
      ...workloads.flatMap((w) => ["Microsoft.ManagedIdentity/userAssignedIdentities/read", `${credentials}/read`, `${credentials}/${command === "up" ? "write" : "delete"}`].map(identity(w))),
    ],
  };
  return access[cloud]();
}

