import { computedOutputs, placeholderAccount, placeholderId } from "../plan/placeholders.ts";
import type { PlanReport, PlanResource } from "../plan/model.ts";

/** A policy document as IAM reads it (the simulator validates its shape). */
export type PolicyJson = { readonly Version?: string; readonly Statement: unknown };

/** One AWS resource of a plan, with the ARN a request names it by and the tags IAM conditions read. */
export interface IndexedResource {
  readonly resource: PlanResource;
  readonly arn: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** A role's policies as the plan holds them, by name, ready for the simulator. */
export interface RolePolicies {
  readonly role: IndexedResource;
  readonly trust: PolicyJson | undefined;
  readonly policies: readonly { readonly name: string; readonly policy: PolicyJson }[];
  /** Attached policies the plan does not define (AWS-managed ones): not evaluated, so they grant nothing here. */
  readonly unresolvedAttachments: readonly string[];
}

/**
 * The ARN AWS gives a resource, from its type and physical name, where that differs from the plan's placeholder
 * (which names resources by their logical name). Where Pulumi picks the physical name (auto-naming adds a random
 * suffix) the plan knows only the logical name, and so does this.
 */
const namedArns: Record<string, (region: string, name: string, inputs: Readonly<Record<string, unknown>>) => string> = {
  "aws:ecr/repository:Repository": (region, name) => `arn:aws:ecr:${region}:${placeholderAccount}:repository/${name}`,
  "aws:eks/cluster:Cluster": (region, name) => `arn:aws:eks:${region}:${placeholderAccount}:cluster/${name}`,
  // A role's ARN carries its path (the workload roles' is `/<name>-<env>-workloads/`).
  "aws:iam/role:Role": (_region, name, inputs) => `arn:aws:iam::${placeholderAccount}:role${text(inputs["path"]) ?? "/"}${name}`,
  "aws:sagemaker/model:Model": (region, name) => `arn:aws:sagemaker:${region}:${placeholderAccount}:model/${name.toLowerCase()}`,
  "aws:sagemaker/endpointConfiguration:EndpointConfiguration": (region, name) => `arn:aws:sagemaker:${region}:${placeholderAccount}:endpoint-config/${name.toLowerCase()}`,
  "aws:sagemaker/endpoint:Endpoint": (region, name) => `arn:aws:sagemaker:${region}:${placeholderAccount}:endpoint/${name.toLowerCase()}`,
};

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function parsePolicy(value: unknown): PolicyJson | undefined {
  if (typeof value !== "string") return typeof value === "object" && value !== null ? (value as PolicyJson) : undefined;
  return JSON.parse(value) as PolicyJson;
}

/** Looks AWS resources of one plan up by any identifier a stack output or another resource's input holds. */
export class PlanIndex {
  readonly region: string;
  readonly account = placeholderAccount;
  private readonly resources: IndexedResource[];
  private readonly byIdentifier = new Map<string, IndexedResource[]>();
  readonly plan: PlanReport;

  constructor(plan: PlanReport) {
    this.plan = plan;
    this.region = plan.region;
    this.resources = plan.resources.filter((r) => r.type.startsWith("aws:")).map((resource) => {
      const computed = computedOutputs(resource.type, resource.name, { ...resource.inputs }, plan.region);
      const physical = text(resource.inputs["name"]) ?? resource.name;
      const arn = namedArns[resource.type]?.(plan.region, physical, resource.inputs) ?? text(computed["arn"]) ?? "";
      const tags = (resource.inputs["tags"] ?? {}) as Record<string, string>;
      const indexed: IndexedResource = { resource, arn, tags };
      // Only a bucket is named by its bucket name: its policy, logging and encryption resources carry it too.
      const bucket = resource.type === "aws:s3/bucket:Bucket" ? text(resource.inputs["bucket"]) : undefined;
      const identifiers = [placeholderId(resource.type, resource.name, { ...resource.inputs }), resource.name, physical, bucket, text(computed["repositoryUrl"]), text(computed["arn"]), arn];
      for (const id of new Set(identifiers.filter((i): i is string => !!i))) this.byIdentifier.set(id, [...(this.byIdentifier.get(id) ?? []), indexed]);
      return indexed;
    });
  }

  /** Resources an identifier (an id, a name, an ARN, a repository URL, `s3://bucket`) names. */
  lookup(identifier: string): IndexedResource[] {
    const bare = identifier.replace(/^s3:\/\//, "").replace(/\/$/, "");
    return this.byIdentifier.get(identifier) ?? this.byIdentifier.get(bare) ?? [];
  }

  ofType(type: string): IndexedResource[] {
    return this.resources.filter((r) => r.resource.type === type);
  }

  /** The role an ARN names, with its trust, its inline policies and the attached policies the plan defines. */
  rolePolicies(roleArn: string): RolePolicies | undefined {
    const role = this.lookup(roleArn).find((r) => r.resource.type === "aws:iam/role:Role");
    if (!role) return undefined;
    const refs = new Set([role.resource.name, text(role.resource.inputs["name"]), role.arn].filter((v): v is string => !!v));
    const inline = this.ofType("aws:iam/rolePolicy:RolePolicy").filter((p) => refs.has(String(p.resource.inputs["role"])));
    const embedded = ((role.resource.inputs["inlinePolicies"] ?? []) as { name?: string; policy?: string }[]).map((p, i) => ({ name: `${role.resource.name}/${p.name ?? i}`, policy: parsePolicy(p.policy) }));
    const attachments = this.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) => refs.has(String(a.resource.inputs["role"])));
    const attached = attachments.map((a) => ({ arn: String(a.resource.inputs["policyArn"]), policy: this.lookup(String(a.resource.inputs["policyArn"])).find((p) => p.resource.type === "aws:iam/policy:Policy") }));
    return {
      role,
      trust: parsePolicy(role.resource.inputs["assumeRolePolicy"]),
      policies: [
        ...inline.map((p) => ({ name: p.resource.name, policy: parsePolicy(p.resource.inputs["policy"]) })),
        ...embedded,
        ...attached.flatMap((a) => (a.policy ? [{ name: a.policy.resource.name, policy: parsePolicy(a.policy.resource.inputs["policy"]) }] : [])),
      ].filter((p): p is { name: string; policy: PolicyJson } => p.policy !== undefined),
      unresolvedAttachments: attached.filter((a) => !a.policy).map((a) => a.arn),
    };
  }

  /** The resource policy IAM evaluates with a request on this resource: a bucket's policy, a key's policy. */
  resourcePolicy(target: IndexedResource): PolicyJson | undefined {
    switch (target.resource.type) {
      case "aws:s3/bucket:Bucket": {
        const ids = this.bucketIds(target);
        const policy = this.ofType("aws:s3/bucketPolicy:BucketPolicy").find((p) => ids.has(String(p.resource.inputs["bucket"])));
        return policy ? parsePolicy(policy.resource.inputs["policy"]) : undefined;
      }
      case "aws:kms/key:Key":
        return parsePolicy(target.resource.inputs["policy"]);
      case "aws:ecr/repository:Repository": {
        const policy = this.ofType("aws:ecr/repositoryPolicy:RepositoryPolicy").find((p) => p.resource.inputs["repository"] === target.resource.inputs["name"]);
        return policy ? parsePolicy(policy.resource.inputs["policy"]) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The KMS key a bucket encrypts new objects with (its default SSE-KMS configuration), if any. */
  bucketKey(bucket: IndexedResource): IndexedResource | undefined {
    const ids = this.bucketIds(bucket);
    const config = this.ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((c) => ids.has(String(c.resource.inputs["bucket"])));
    const rules = (config?.resource.inputs["rules"] ?? []) as { applyServerSideEncryptionByDefault?: { kmsMasterKeyId?: string } }[];
    const keyId = rules[0]?.applyServerSideEncryptionByDefault?.kmsMasterKeyId;
    return keyId ? this.lookup(keyId).find((k) => k.resource.type === "aws:kms/key:Key") : undefined;
  }

  private bucketIds(bucket: IndexedResource): Set<string> {
    return new Set([bucket.resource.name, text(bucket.resource.inputs["bucket"])].filter((v): v is string => !!v));
  }
}
