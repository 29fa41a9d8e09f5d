import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import type { CloudParts } from "./plan-view.ts";
import { byKey, ofType, type Inputs } from "./plan-resources.ts";

/** The backend buckets a URL map sends requests to (its default service and every path matcher's and route's). */
function backendBucketsOf(plan: PlanReport, urlMap: PlanResource): PlanResource[] {
  const i = urlMap.inputs as Inputs;
  const services = new Set<string>([i["defaultService"], ...((i["pathMatchers"] ?? []) as Inputs[]).flatMap((m) => [m["defaultService"], ...((m["routeRules"] ?? []) as Inputs[]).map((r) => r["service"])])].filter((s): s is string => typeof s === "string"));
  return ofType(plan, "gcp:compute/backendBucket:BackendBucket").filter((b) => services.has(String(b.inputs["name"] ?? b.name)));
}

/**
 * GCP: an Artifact Registry repository per workload (`<location>-docker.pkg.dev/<project>/<repositoryId>/<workload>`),
 * GCS buckets by name, the CDN as the URL map `gcloud compute url-maps invalidate-cdn-cache` takes (its backend
 * bucket with CDN on names the bucket), GKE clusters by name. A managed model is a Vertex AI endpoint, which the
 * plan creates empty: no planned resource carries the container it serves, so it gives no run unit (images.ts
 * names the missing wire).
 */
export const gcp: CloudParts = {
  registryRepositories: (plan, workloads) => {
    const project = String(plan.outputs["projectId"]);
    const entries = ofType(plan, "gcp:artifactregistry/repository:Repository").flatMap((r) => {
      const id = String(r.inputs["repositoryId"]);
      const base = `${String(r.inputs["location"])}-docker.pkg.dev/${String(r.inputs["project"] ?? project)}/${id}`;
      // One repository per workload: the image in it is named after the workload its id ends with.
      return workloads.filter((w) => id === w || id.endsWith(`-${w}`)).map((w) => [`${base}/${w}`, r] as const);
    });
    return new Map(entries);
  },
  buckets: (plan) => byKey(ofType(plan, "gcp:storage/bucket:Bucket"), (r) => r.inputs["name"] ?? r.name),
  cdns: (plan) => byKey(ofType(plan, "gcp:compute/uRLMap:URLMap").filter((m) => m.inputs["defaultUrlRedirect"] === undefined), (r) => r.inputs["name"] ?? r.name),
  clusters: (plan) => byKey(ofType(plan, "gcp:container/cluster:Cluster"), (r) => r.inputs["name"] ?? r.name),
  cdnServesBucket: (cdn, bucket, plan) => backendBucketsOf(plan, cdn).some((b) => b.inputs["bucketName"] === bucket && b.inputs["enableCdn"] === true),
  // The URL map rewrites `/` to the site's index object (a bucket has no default root object of its own).
  rootObjects: (cdn) =>
    ((cdn.inputs as Inputs)["pathMatchers"] ?? []).flatMap((m: Inputs, mi: number) =>
      ((m["routeRules"] ?? []) as Inputs[]).flatMap((r, ri) =>
        (r["matchRules"] ?? []).some((x: Inputs) => x["fullPathMatch"] === "/") && typeof r["routeAction"]?.urlRewrite?.pathPrefixRewrite === "string"
          ? [{ field: `pathMatchers[${mi}].routeRules[${ri}].routeAction.urlRewrite.pathPrefixRewrite`, object: String(r["routeAction"].urlRewrite.pathPrefixRewrite).replace(/^\//, "") }]
          : [],
      ),
    ),
  managedModels: () => [],
  scriptWrites: (line) => {
    const write = /\bgcloud storage (cp|rsync|mv|rm)\b/.exec(line);
    if (!write) return [];
    const urls = [...line.matchAll(/"?gs:\/\/([^"\s/]+)/g)].map((m) => m[1]!);
    return (write[1] === "rm" ? urls : urls.slice(-1)).map((u) => ({ word: u, how: `gcloud storage ${write[1]} gs://${u}` }));
  },
  scriptInvalidations: (line) => {
    const m = /\bgcloud compute url-maps invalidate-cdn-cache "?([^"\s]+)"?/.exec(line);
    return m ? [{ word: m[1]!, how: `url-maps invalidate-cdn-cache ${m[1]}` }] : [];
  },
  bucketWrites: ["storage.objects.create", "storage.objects.delete"],
  cdnInvalidations: ["compute.urlMaps.invalidateCache"],
  clusterAccess: ["container.clusters.get"],
};
