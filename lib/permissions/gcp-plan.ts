import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { PlanReport, PlanResource } from "../plan/model.ts";
import { ResourceIndex, text, type LocatedResource } from "./resource-index.ts";

/**
 * A GCP plan's resources as IAM sees them: each by its full resource name (what `resource.name` is in an IAM
 * condition), each IAM member or binding with its role, members, condition and the resource it is on.
 */

export const gcpTypes = {
  bucket: "gcp:storage/bucket:Bucket",
  repository: "gcp:artifactregistry/repository:Repository",
  cluster: "gcp:container/cluster:Cluster",
  urlMap: "gcp:compute/uRLMap:URLMap",
  endpoint: "gcp:vertex/aiEndpoint:AiEndpoint",
  serviceAccount: "gcp:serviceaccount/account:Account",
  pool: "gcp:iam/workloadIdentityPool:WorkloadIdentityPool",
  provider: "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider",
  customRole: "gcp:projects/iAMCustomRole:IAMCustomRole",
} as const;

/** The resource type a permission is checked on, by its prefix, and that type's name in IAM conditions (`resource.type`). */
/** The stack's project: not a resource of the plan (it exists before the stack), named by the `projectId` output. */
export const projectType = "gcp:organizations/project:Project";

const permissionTargets: readonly { readonly prefix: string; readonly type: string; readonly iamType: string }[] = [
  { prefix: "storage.", type: gcpTypes.bucket, iamType: "storage.googleapis.com/Bucket" },
  { prefix: "artifactregistry.", type: gcpTypes.repository, iamType: "artifactregistry.googleapis.com/Repository" },
  { prefix: "container.", type: gcpTypes.cluster, iamType: "container.googleapis.com/Cluster" },
  { prefix: "compute.urlMaps.", type: gcpTypes.urlMap, iamType: "compute.googleapis.com/UrlMap" },
  { prefix: "aiplatform.endpoints.", type: gcpTypes.endpoint, iamType: "aiplatform.googleapis.com/Endpoint" },
  { prefix: "iam.serviceAccounts.", type: gcpTypes.serviceAccount, iamType: "iam.googleapis.com/ServiceAccount" },
  // Models are created in the project's location: the upload is asked of the project (the `projectId` output).
  { prefix: "aiplatform.models.", type: projectType, iamType: "cloudresourcemanager.googleapis.com/Project" },
];

export function permissionTarget(permission: string): (typeof permissionTargets)[number] | undefined {
  return permissionTargets.find((t) => permission.startsWith(t.prefix));
}

export function iamTypeOf(type: string): string | undefined {
  return permissionTargets.find((t) => t.type === type)?.iamType;
}

/** An IAM member (`member`) or binding (`members`) resource of the plan: who gets which role, on what, under which condition. */
export interface GcpBinding {
  readonly resource: PlanResource;
  readonly role: string;
  readonly members: readonly string[];
  readonly condition?: { readonly expression: string; readonly title?: string };
  /** Whether it is a project's binding (`gcp:projects/iAMMember`), which holds on every resource of the project. */
  readonly onProject: boolean;
}

const isBindingType = (type: string) => /^gcp:[a-z0-9]+\/[A-Za-z0-9]*[Ii][Aa][Mm](Member|Binding):/.test(type);
/** Inputs of a binding that say who, what and where, not which resource: what is left names the resource. */
const notResourceInputs = new Set(["role", "member", "members", "condition", "project", "location", "region"]);

export class GcpPlan {
  readonly index: ResourceIndex;
  readonly project: string;
  readonly projectNumber: string;
  readonly region: string;
  readonly bindings: readonly GcpBinding[];

  constructor(plan: PlanReport, offline: OfflineAnswers) {
    this.project = String(plan.outputs["projectId"] ?? "");
    this.projectNumber = String(plan.outputs["projectNumber"] ?? "");
    this.region = plan.region;
    this.index = new ResourceIndex(plan, offline, (r, id, computed) => this.describe(r, id, computed));
    this.bindings = plan.resources.filter((r) => isBindingType(r.type)).map((resource) => {
      const i = resource.inputs;
      const members = Array.isArray(i["members"]) ? (i["members"] as unknown[]).map(String) : text(i["member"]) ? [String(i["member"])] : [];
      const condition = i["condition"] as { expression?: string; title?: string } | undefined;
      return {
        resource,
        role: String(i["role"] ?? ""),
        members,
        ...(condition?.expression ? { condition: { expression: condition.expression, ...(condition.title ? { title: condition.title } : {}) } } : {}),
        onProject: resource.type.startsWith("gcp:projects/"),
      };
    });
  }

  /** The pool's resource path, `projects/<number>/locations/global/workloadIdentityPools/<pool>`. */
  poolPath(pool: string): string {
    return `projects/${this.projectNumber}/locations/global/workloadIdentityPools/${pool}`;
  }

  /** Whether a binding is on this resource, or on its project. */
  bindingApplies(binding: GcpBinding, target: LocatedResource): boolean {
    if (binding.onProject) {
      const project = text(binding.resource.inputs["project"]);
      return project === undefined || project === this.project || project === `projects/${this.project}`;
    }
    return Object.entries(binding.resource.inputs).some(([key, value]) => !notResourceInputs.has(key) && typeof value === "string" && this.index.lookup(value, (r) => r === target).length > 0);
  }

  /** The permissions a custom role of the plan holds, by the name a binding gives it (`projects/<p>/roles/<id>`), or undefined. */
  customRole(role: string): { roleId: string; permissions: readonly string[] } | undefined {
    const found = this.index.lookup(role, (r) => r.resource.type === gcpTypes.customRole)[0];
    if (!found) return undefined;
    return { roleId: String(found.resource.inputs["roleId"]), permissions: ((found.resource.inputs["permissions"] ?? []) as unknown[]).map(String) };
  }

  private describe(r: PlanResource, id: string, computed: Readonly<Record<string, unknown>>): { fullName: string; identifiers: (string | undefined)[] } {
    const i = r.inputs;
    const name = text(i["name"]) ?? r.name;
    const location = text(i["location"]) ?? this.region;
    switch (r.type) {
      case gcpTypes.bucket:
        return { fullName: `projects/_/buckets/${name}`, identifiers: [name] };
      case gcpTypes.repository: {
        const repositoryId = text(i["repositoryId"]) ?? r.name;
        return { fullName: `projects/${this.project}/locations/${location}/repositories/${repositoryId}`, identifiers: [repositoryId, `${location}-docker.pkg.dev/${this.project}/${repositoryId}`] };
      }
      case gcpTypes.cluster:
        return { fullName: `projects/${this.project}/locations/${location}/clusters/${name}`, identifiers: [name] };
      case gcpTypes.urlMap:
        return { fullName: `projects/${this.project}/global/urlMaps/${name}`, identifiers: [name] };
      case gcpTypes.endpoint:
        return { fullName: `projects/${this.project}/locations/${location}/endpoints/${name}`, identifiers: [name] };
      case gcpTypes.serviceAccount: {
        const email = text(computed["email"]) ?? `${String(i["accountId"])}@${this.project}.iam.gserviceaccount.com`;
        return { fullName: `projects/${this.project}/serviceAccounts/${email}`, identifiers: [email, text(i["accountId"])] };
      }
      case gcpTypes.pool:
        return { fullName: this.poolPath(String(i["workloadIdentityPoolId"])), identifiers: [] };
      case gcpTypes.provider:
        return { fullName: `${this.poolPath(String(i["workloadIdentityPoolId"]))}/providers/${String(i["workloadIdentityPoolProviderId"])}`, identifiers: [] };
      case gcpTypes.customRole:
        return { fullName: `projects/${this.project}/roles/${String(i["roleId"])}`, identifiers: [] };
      default:
        return { fullName: id, identifiers: [] };
    }
  }
}
