import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { PlanReport, PlanResource } from "../plan/model.ts";

/** One resource of a plan, with the id the offline plan gave it and the outputs the cloud computes. */
export interface LocatedResource {
  readonly resource: PlanResource;
  /** The id other resources' inputs name it by (offline: the cloud folder's `resourceId`). */
  readonly id: string;
  readonly computed: Readonly<Record<string, unknown>>;
  /** The name requests and conditions name it by: a GCP full resource name, an ARM id. */
  readonly fullName: string;
}

export const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Looks a GCP or Azure plan's resources up by any identifier a stack output or another resource's input holds:
 * the logical name, the offline id, computed outputs (names, ids, emails, client ids, login servers), and what
 * the cloud's checker adds (`identifiers`). Azure compares ids ignoring case, as ARM does.
 */
export class ResourceIndex {
  readonly plan: PlanReport;
  readonly resources: readonly LocatedResource[];
  private readonly byIdentifier = new Map<string, LocatedResource[]>();
  private readonly fold: (s: string) => string;

  constructor(
    plan: PlanReport,
    offline: OfflineAnswers,
    describe: (resource: PlanResource, id: string, computed: Readonly<Record<string, unknown>>) => { fullName: string; identifiers: readonly (string | undefined)[] },
    ignoreCase = false,
  ) {
    this.plan = plan;
    this.fold = ignoreCase ? (s) => s.toLowerCase() : (s) => s;
    this.resources = plan.resources.filter((r) => r.type.startsWith(`${plan.cloud === "azure" ? "azure-native" : plan.cloud}:`) || r.type.startsWith("kubernetes:")).map((resource) => {
      const id = offline.resourceId(resource.type, resource.name, { ...resource.inputs });
      const computed = offline.computedOutputs(resource.type, resource.name, { ...resource.inputs }, plan.region);
      const { fullName, identifiers } = describe(resource, id, computed);
      const located: LocatedResource = { resource, id, computed, fullName };
      const computedIds = ["id", "name", "selfLink", "email", "clientId", "loginServer"].map((k) => text(computed[k]));
      for (const key of new Set([id, fullName, resource.name, ...computedIds, ...identifiers].filter((i): i is string => !!i).map(this.fold))) {
        this.byIdentifier.set(key, [...(this.byIdentifier.get(key) ?? []), located]);
      }
      return located;
    });
  }

  /** Resources an identifier names; a URL's trailing path segments are dropped one by one until one does (`<registry host>/<workload>`). */
  lookup(identifier: string, accept: (r: LocatedResource) => boolean = () => true): LocatedResource[] {
    const bare = identifier.replace(/^[a-z]+:\/\//, "").replace(/\/$/, "");
    const candidates = [identifier, bare];
    for (let c = bare; c.includes("/"); ) candidates.push((c = c.slice(0, c.lastIndexOf("/"))));
    for (const candidate of candidates) {
      const found = (this.byIdentifier.get(this.fold(candidate)) ?? []).filter(accept);
      if (found.length > 0) return found;
    }
    return [];
  }

  ofType(type: string): LocatedResource[] {
    return this.resources.filter((r) => r.resource.type === type);
  }
}
