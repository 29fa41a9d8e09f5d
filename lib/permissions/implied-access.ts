import type { IndexedResource, PlanIndex } from "./plan-index.ts";

/** A request AWS makes on the caller's behalf when a step performs an action, with the context it carries. */
export interface ImpliedAccess {
  readonly action: string;
  readonly target: IndexedResource;
  readonly context: Readonly<Record<string, string>>;
}

/**
 * What an action needs besides itself, read from the plan: writing an object to an SSE-KMS bucket makes S3
 * generate a data key with the bucket's key as the caller; creating a SageMaker model passes its execution role
 * to SageMaker; creating an endpoint configuration with a KMS key makes SageMaker create a grant on that key for
 * the caller. A step that declares the first needs the second, or it fails in the cloud.
 */
export function impliedAccess(index: PlanIndex, action: string, target: IndexedResource): ImpliedAccess[] {
  const via = (service: string) => ({ "kms:ViaService": `${service}.${index.region}.amazonaws.com` });
  const key = (id: unknown) => (typeof id === "string" ? index.lookup(id).find((r) => r.resource.type === "aws:kms/key:Key") : undefined);
  switch (`${target.resource.type} ${action}`) {
    case "aws:s3/bucket:Bucket s3:PutObject": {
      const bucketKey = index.bucketKey(target);
      return bucketKey ? [{ action: "kms:GenerateDataKey", target: bucketKey, context: via("s3") }] : [];
    }
    case "aws:sagemaker/model:Model sagemaker:CreateModel": {
      const role = index.lookup(String(target.resource.inputs["executionRoleArn"])).find((r) => r.resource.type === "aws:iam/role:Role");
      return role ? [{ action: "iam:PassRole", target: role, context: { "iam:PassedToService": "sagemaker.amazonaws.com" } }] : [];
    }
    case "aws:sagemaker/endpointConfiguration:EndpointConfiguration sagemaker:CreateEndpointConfig": {
      const configKey = key(target.resource.inputs["kmsKeyArn"]);
      return configKey ? [{ action: "kms:CreateGrant", target: configKey, context: { ...via("sagemaker"), "kms:GrantIsForAWSResource": "true" } }] : [];
    }
    default:
      return [];
  }
}
