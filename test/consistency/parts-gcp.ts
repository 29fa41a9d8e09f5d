import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import type { CloudParts } from "./plan-view.ts";
import { readFileSync } from "node:fs";
import path from "node:path";
import { placeholderDigest } from "../../components/kubernetes/placeholder-digest.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { byKey, ofType, type Inputs } from "./plan-resources.ts";

/** The port and health route the generated deploy job's `gcloud ai models upload` gives the model's container. */
function vertexUpload(): { port?: number; health?: string } {
  const script = readFileSync(path.join(repoRoot, ".github/workflows/deploy.yml"), "utf8");
  const line = script.split("\n").find((l) => l.includes("--container-image-uri")) ?? "";
  const port = /--container-ports (\d+)/.exec(line)?.[1];
  const health = /--container-health-route (\S+)/.exec(line)?.[1];
  return { ...(port ? { port: Number(port) } : {}), ...(health ? { health } : {}) };
}

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
 * plan creates empty: the deploy job uploads the model (`gcloud ai models upload`) from the stack's outputs
 * (`registryUrls` and the digest `images` carries, `modelEnvironments`) with the port and health route its script
 * names, so that upload is the model's run unit, read from the generated workflow.
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
  managedModels: (plan, models) => {
    const upload = vertexUpload();
    const urls = (plan.outputs["registryUrls"] ?? {}) as Record<string, string>;
    const digests = (plan.outputs["images"] ?? {}) as Record<string, string>;
    const environments = (plan.outputs["modelEnvironments"] ?? {}) as Record<string, Record<string, string>>;
    return models.map((m) => ({
      where: `managed model ${m} (the deploy job's Vertex AI upload)`,
      kind: "managed" as const,
      workload: m,
      imageField: "--container-image-uri (registryUrls and stratum:images)",
      image: `${urls[m]}@${digests[m] ?? placeholderDigest}`,
      envField: "--container-env-vars (modelEnvironments)",
      env: { ...(environments[m] ?? {}) },
      commandField: "the image's own ENTRYPOINT and CMD",
      portsField: "--container-ports",
      ports: upload.port === undefined ? [] : [{ containerPort: upload.port }],
      probes: upload.health === undefined ? [] : [{ field: "--container-health-route", path: upload.health }],
      podLabels: {},
    }));
  },
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
