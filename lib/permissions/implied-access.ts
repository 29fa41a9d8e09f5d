import type { IndexedResource, PlanIndex } from "./plan-index.ts";

/**
 * A request a declared action brings with it, read from the plan: one AWS makes with the caller's identity
 * (`iam`), or the cluster's own authorization of its Kubernetes API (`kubernetes`, decided by EKS access entries).
 */
export type ImpliedAccess =
  | { readonly kind: "iam"; readonly action: string; readonly target: IndexedResource; readonly context: Readonly<Record<string, string>> }
  | { readonly kind: "kubernetes"; readonly cluster: IndexedResource };

const isType = (type: string) => (r: IndexedResource) => r.resource.type === type;

/**
 * What an action needs besides itself, so a step that declares the first fails the check without the second:
 * - `s3:PutObject` to an SSE-KMS bucket: S3 generates a data key with the bucket's key, as the caller.
 * - `eks:DescribeCluster`, declared by the Pulumi steps for the cluster the Kubernetes provider reaches: the
 *   role needs an access entry with an access policy on that cluster.
 * - `sagemaker:UpdateEndpoint`, declared by `pulumi up` for a managed model: an image change replaces the model
 *   and the endpoint configuration (create the new, delete the old) and switches the endpoint to it, which
 *   SageMaker authorizes on the configuration too.
 * - `sagemaker:CreateModel`: passes the model's execution role to SageMaker.
 * - `sagemaker:CreateEndpointConfig` with a KMS key: SageMaker creates a grant on the key for the caller.
 * - `eks:CreatePodIdentityAssociation` on a cluster, declared by a review environment's `pulumi up`: it binds
 *   ServiceAccounts to the roles the cluster's workloads are associated with, passing each to EKS Pod Identity.
 */
export function impliedAccess(index: PlanIndex, action: string, target: IndexedResource): ImpliedAccess[] {
  const via = (service: string) => ({ "kms:ViaService": `${service}.${index.region}.amazonaws.com` });
  const find = (id: unknown, type: string) => (typeof id === "string" ? index.lookup(id).filter(isType(type)) : []);
  const iam = (actions: readonly string[], targets: readonly IndexedResource[], context: Record<string, string> = {}): ImpliedAccess[] =>
    targets.flatMap((t) => actions.map((a): ImpliedAccess => ({ kind: "iam", action: a, target: t, context })));
  const inputs = target.resource.inputs;
  switch (`${target.resource.type} ${action}`) {
    case "aws:s3/bucket:Bucket s3:PutObject": {
      const key = index.bucketKey(target);
      return key ? iam(["kms:GenerateDataKey"], [key], via("s3")) : [];
    }
    case "aws:eks/cluster:Cluster eks:DescribeCluster":
      return [{ kind: "kubernetes", cluster: target }];
    case "aws:eks/cluster:Cluster eks:CreatePodIdentityAssociation": {
      const associations = index.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").filter((a) => a.resource.inputs["clusterName"] === inputs["name"]);
      const roles = [...new Set(associations.flatMap((a) => find(a.resource.inputs["roleArn"], "aws:iam/role:Role")))];
      return iam(["iam:PassRole"], roles, { "iam:PassedToService": "pods.eks.amazonaws.com" });
    }
    case "aws:sagemaker/endpoint:Endpoint sagemaker:UpdateEndpoint": {
      const configs = find(inputs["endpointConfigName"], "aws:sagemaker/endpointConfiguration:EndpointConfiguration");
      const variants = configs.flatMap((c) => (c.resource.inputs["productionVariants"] ?? []) as { modelName?: string }[]);
      const models = variants.flatMap((v) => find(v.modelName, "aws:sagemaker/model:Model"));
      return [...iam(["sagemaker:UpdateEndpoint", "sagemaker:CreateEndpointConfig", "sagemaker:DeleteEndpointConfig"], configs), ...iam(["sagemaker:CreateModel", "sagemaker:DeleteModel"], models)];
    }
    case "aws:sagemaker/model:Model sagemaker:CreateModel":
      return iam(["iam:PassRole"], find(inputs["executionRoleArn"], "aws:iam/role:Role"), { "iam:PassedToService": "sagemaker.amazonaws.com" });
    case "aws:sagemaker/endpointConfiguration:EndpointConfiguration sagemaker:CreateEndpointConfig":
      return iam(["kms:CreateGrant"], find(inputs["kmsKeyArn"], "aws:kms/key:Key"), { ...via("sagemaker"), "kms:GrantIsForAWSResource": "true" });
    default:
      return [];
  }
}
