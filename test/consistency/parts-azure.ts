import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import type { CloudParts, RunUnit } from "./plan-view.ts";
import { byKey, modelOf, ofType, type Inputs } from "./plan-resources.ts";

/** A resource's ARM id, in the shape Azure gives it (what outputs such as frontendCdnId carry), from its inputs. */
const armId = (plan: PlanReport, r: PlanResource, path: string) => `/subscriptions/${String(plan.outputs["subscriptionId"])}/resourceGroups/${String(r.inputs["resourceGroupName"])}/providers/${path}`;
const same = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
const staticSite = "/blobServices/default/containers/$web";

/** The storage account ids a Front Door endpoint's routes reach: route → origin group → origin's private link. */
function originAccounts(plan: PlanReport, endpoint: PlanResource): string[] {
  const profile = endpoint.inputs["profileName"];
  const routes = ofType(plan, "azure-native:cdn:Route").filter((r) => r.inputs["profileName"] === profile && r.inputs["endpointName"] === endpoint.inputs["endpointName"]);
  const groups = new Set(routes.map((r) => String((r.inputs as Inputs)["originGroup"]?.id)));
  return ofType(plan, "azure-native:cdn:AFDOrigin")
    .filter((o) => o.inputs["profileName"] === profile && [...groups].some((g) => same(g, armId(plan, o, `Microsoft.Cdn/profiles/${String(profile)}/originGroups/${String(o.inputs["originGroupName"])}`))))
    .map((o) => String((o.inputs as Inputs)["sharedPrivateLinkResource"]?.privateLink?.id));
}

/**
 * Azure: one ACR per stack, a repository per workload under its login server (`<registry>.azurecr.io/<workload>`;
 * ACR makes a repository on the first push, so the planned registry is the resource); storage accounts by ARM id
 * (frontendBucket is the static site's account, its `$web` container what the upload writes); the Front Door
 * endpoint by ARM id (what `az afd endpoint purge --ids` takes), serving the account its route's origin links to;
 * AKS clusters by name; a managed model is an Azure ML online deployment running its environment version's image.
 */
export const azure: CloudParts = {
  registryRepositories: (plan, workloads) => {
    const host = String(plan.outputs["registryHost"]);
    const registry = ofType(plan, "azure-native:containerregistry:Registry").find((r) => host.startsWith(`${String(r.inputs["registryName"]).toLowerCase()}.azurecr.`));
    return new Map(registry ? workloads.map((w) => [`${host}/${w}`, registry] as const) : []);
  },
  buckets: (plan) => byKey(ofType(plan, "azure-native:storage:StorageAccount"), (r) => armId(plan, r, `Microsoft.Storage/storageAccounts/${String(r.inputs["accountName"])}`)),
  bucketSuffix: staticSite,
  cdns: (plan) => byKey(ofType(plan, "azure-native:cdn:AFDEndpoint"), (r) => armId(plan, r, `Microsoft.Cdn/profiles/${String(r.inputs["profileName"])}/afdEndpoints/${String(r.inputs["endpointName"])}`)),
  clusters: (plan) => byKey(ofType(plan, "azure-native:containerservice:ManagedCluster"), (r) => r.inputs["resourceName"] ?? r.name),
  cdnServesBucket: (cdn, bucket, plan) => originAccounts(plan, cdn).some((id) => same(id, bucket)),
  // The static website of the account the endpoint serves answers `/` (and a miss) with these documents.
  rootObjects: (cdn, plan) =>
    ofType(plan, "azure-native:storage:StorageAccountStaticWebsite")
      .filter((s) => originAccounts(plan, cdn).some((id) => same(id, armId(plan, s, `Microsoft.Storage/storageAccounts/${String(s.inputs["accountName"])}`))))
      .flatMap((s) => (["indexDocument", "error404Document"] as const).flatMap((f) => (typeof s.inputs[f] === "string" ? [{ field: `static website ${String(s.inputs["accountName"])} ${f}`, object: String(s.inputs[f]) }] : []))),
  managedModels: (plan, models) =>
    ofType(plan, "azure-native:machinelearningservices:OnlineDeployment").map((d): RunUnit => {
      const props = (d.inputs as Inputs)["properties"] ?? {};
      const endpoint = String(d.inputs["endpointName"]);
      // The deployment runs the environment version its environmentId names (by id, as Azure ML resolves it).
      const environment = ofType(plan, "azure-native:machinelearningservices:EnvironmentVersion").find((e) =>
        same(props.environmentId, armId(plan, e, `Microsoft.MachineLearningServices/workspaces/${String(e.inputs["workspaceName"])}/environments/${String(e.inputs["name"])}/versions/${String(e.inputs["version"])}`)),
      );
      const env = (environment?.inputs as Inputs | undefined)?.["properties"] ?? {};
      const routes = env.inferenceConfig ?? {};
      return {
        where: `managed model ${endpoint}`,
        kind: "managed",
        workload: modelOf(endpoint, models),
        imageField: environment ? `environment version ${environment.name} properties.image` : `properties.environmentId (${String(props.environmentId)}: no planned environment version)`,
        image: String(env.image),
        envField: "properties.environmentVariables",
        env: { ...(props.environmentVariables ?? {}) },
        // Azure ML runs a custom container's own ENTRYPOINT and CMD.
        commandField: "Azure ML's run of the image's ENTRYPOINT and CMD",
        portsField: "inferenceConfig.scoringRoute",
        ports: typeof routes.scoringRoute?.port === "number" ? [{ containerPort: routes.scoringRoute.port }] : [],
        probes: (["livenessRoute", "readinessRoute"] as const).flatMap((r) => (typeof routes[r]?.path === "string" ? [{ field: `inferenceConfig.${r}.path`, path: String(routes[r].path) }] : [])),
        podLabels: {},
      };
    }),
  scriptWrites: (line) => {
    const write = /\baz storage blob (sync|upload|upload-batch|delete|delete-batch)\b/.exec(line);
    const account = /--account-name "?([^"\s]+)"?/.exec(line);
    const container = /--container(?:-name)? "?\\?([^"\s]+)"?/.exec(line);
    return write && account ? [{ word: account[1]!, how: `az storage blob ${write[1]} --account-name ${account[1]}`, ...(container ? { container: container[1]! } : {}) }] : [];
  },
  scriptInvalidations: (line) => {
    const m = /\baz afd endpoint purge\b.*--ids "?([^"\s]+)"?/.exec(line);
    return m ? [{ word: m[1]!, how: `az afd endpoint purge --ids ${m[1]}` }] : [];
  },
  bucketWrites: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"],
  cdnInvalidations: ["Microsoft.Cdn/profiles/afdEndpoints/purge/action"],
  clusterAccess: ["Microsoft.ContainerService/managedClusters/read", "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"],
};
