import type { OfflineAnswers, OfflineStack } from "../../cloud-module.ts";
import { placeholderDomain } from "../../../lib/plan/placeholders.ts";
import { gcpDataOffline } from "./offline-data.ts";
import { serviceAccountId } from "./service-account-id.ts";

type Inputs = Readonly<Record<string, unknown>>;
type Computed = (name: string, inputs: Inputs) => Record<string, unknown>;

const str = (value: unknown, fallback: string): string => (typeof value === "string" && value !== "" ? value : fallback);

/**
 * GCP's answers for the offline plan of one stack. Ids are GCP's own resource paths in the stack's project
 * (`projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>`), so a reference reads as it would
 * from the cloud and the policy rules follow it to the resource it names; hosts are under `.offline.invalid`. The
 * drivers call no provider function (the project comes from the spec's account section), so every invoke fails
 * the plan: an invented result would be a faked cloud answer.
 */
export function gcpOffline(stack: OfflineStack): OfflineAnswers {
  const project = stack.account.gcp?.projectId ?? "offline-project";
  const number = stack.account.gcp?.projectNumber ?? "0";
  const region = stack.region;
  const ids = resourcePaths(project, number, region);
  const computed = computedOutputs(project, number, region, ids);
  return {
    invoke(token, inputs) {
      throw new Error(`the offline plan has no answer for the provider function ${token} (inputs ${JSON.stringify(inputs)}); compute the value in the program or add it to components/clouds/gcp/offline.ts`);
    },
    resourceId: (type, name, inputs) => ids[type]?.(name, inputs) ?? name,
    computedOutputs(type, name, inputs, planRegion) {
      if (!type.startsWith("gcp:")) return {};
      const id = ids[type]?.(name, inputs);
      return {
        ...(id === undefined ? {} : { id }),
        ...(computed[type]?.(name, inputs) ?? {}),
        ...(gcpDataOffline[type]?.(name, inputs, planRegion) ?? {}),
      };
    },
  };
}

/** The id GCP gives each resource type the core drivers create: its resource path. */
function resourcePaths(project: string, number: string, region: string): Record<string, (name: string, inputs: Inputs) => string> {
  const n = (inputs: Inputs, name: string) => str(inputs["name"], name);
  const location = (inputs: Inputs) => str(inputs["location"], region);
  return {
    "gcp:kms/keyRing:KeyRing": (name, i) => `projects/${project}/locations/${location(i)}/keyRings/${n(i, name)}`,
    "gcp:kms/cryptoKey:CryptoKey": (name, i) => `${str(i["keyRing"], `projects/${project}/locations/${region}/keyRings/offline`)}/cryptoKeys/${n(i, name)}`,
    "gcp:compute/network:Network": (name, i) => `projects/${project}/global/networks/${n(i, name)}`,
    "gcp:compute/subnetwork:Subnetwork": (name, i) => `projects/${project}/regions/${str(i["region"], region)}/subnetworks/${n(i, name)}`,
    "gcp:compute/router:Router": (name, i) => `projects/${project}/regions/${str(i["region"], region)}/routers/${n(i, name)}`,
    "gcp:compute/routerNat:RouterNat": (name, i) => `${project}/${str(i["region"], region)}/${str(i["router"], "router")}/${n(i, name)}`,
    "gcp:compute/globalAddress:GlobalAddress": (name, i) => `projects/${project}/global/addresses/${n(i, name)}`,
    "gcp:compute/firewall:Firewall": (name, i) => `projects/${project}/global/firewalls/${n(i, name)}`,
    "gcp:servicenetworking/connection:Connection": (name, i) => `${str(i["network"], name)}:${str(i["service"], "servicenetworking.googleapis.com")}`,
    "gcp:container/cluster:Cluster": (name, i) => `projects/${project}/locations/${location(i)}/clusters/${n(i, name)}`,
    "gcp:container/nodePool:NodePool": (name, i) => `${str(i["cluster"], `projects/${project}/locations/${region}/clusters/offline`)}/nodePools/${n(i, name)}`,
    "gcp:artifactregistry/repository:Repository": (name, i) => `projects/${project}/locations/${location(i)}/repositories/${str(i["repositoryId"], name)}`,
    "gcp:serviceaccount/account:Account": (name, i) => `projects/${project}/serviceAccounts/${serviceAccountId(str(i["accountId"], name))}@${project}.iam.gserviceaccount.com`,
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": (name, i) => `projects/${number}/locations/global/workloadIdentityPools/${str(i["workloadIdentityPoolId"], name)}`,
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (name, i) =>
      `projects/${number}/locations/global/workloadIdentityPools/${str(i["workloadIdentityPoolId"], "offline")}/providers/${str(i["workloadIdentityPoolProviderId"], name)}`,
    "gcp:projects/iAMCustomRole:IAMCustomRole": (name, i) => `projects/${project}/roles/${str(i["roleId"], name)}`,
    "gcp:storage/bucket:Bucket": (name, i) => n(i, name),
    "gcp:logging/projectSink:ProjectSink": (name, i) => `projects/${project}/sinks/${n(i, name)}`,
    "gcp:projects/iAMAuditConfig:IAMAuditConfig": (_name, i) => `${project}/${str(i["service"], "allServices")}`,
  };
}

/** Outputs GCP computes that other resources read, per type. */
function computedOutputs(project: string, number: string, region: string, ids: ReturnType<typeof resourcePaths>): Record<string, Computed> {
  const path = (type: string) => (name: string, inputs: Inputs) => ids[type]!(name, inputs);
  return {
    "gcp:kms/keyRing:KeyRing": (name, i) => ({ name: str(i["name"], name) }),
    "gcp:kms/cryptoKey:CryptoKey": (name, i) => ({ name: str(i["name"], name), primaries: [{ name: `${path("gcp:kms/cryptoKey:CryptoKey")(name, i)}/cryptoKeyVersions/1`, state: "ENABLED" }] }),
    "gcp:compute/network:Network": (name, i) => ({ name: str(i["name"], name), selfLink: `https://compute.${placeholderDomain}/compute/v1/${path("gcp:compute/network:Network")(name, i)}`, numericId: "0" }),
    "gcp:compute/subnetwork:Subnetwork": (name, i) => ({ name: str(i["name"], name), selfLink: `https://compute.${placeholderDomain}/compute/v1/${path("gcp:compute/subnetwork:Subnetwork")(name, i)}`, gatewayAddress: "0.0.0.0" }),
    "gcp:compute/globalAddress:GlobalAddress": (name, i) => ({ name: str(i["name"], name), address: str(i["address"], "0.0.0.0") }),
    "gcp:compute/router:Router": (name, i) => ({ name: str(i["name"], name) }),
    "gcp:container/cluster:Cluster": (name, i) => ({
      name: str(i["name"], name),
      // GKE's endpoint is an address; offline, a host that can never resolve.
      endpoint: `${str(i["name"], name)}.gke.${region}.${placeholderDomain}`,
      masterAuth: { ...(i["masterAuth"] as object | undefined), clusterCaCertificate: "b2ZmbGluZS1wbGFjZWhvbGRlcg==" },
      selfLink: `https://container.${placeholderDomain}/v1/${path("gcp:container/cluster:Cluster")(name, i)}`,
    }),
    "gcp:container/nodePool:NodePool": (name, i) => ({ name: str(i["name"], name) }),
    "gcp:artifactregistry/repository:Repository": (name, i) => ({ name: str(i["repositoryId"], name), registryUri: `${str(i["location"], region)}-docker.pkg.dev/${project}/${str(i["repositoryId"], name)}` }),
    "gcp:serviceaccount/account:Account": (name, i) => {
      const email = `${serviceAccountId(str(i["accountId"], name))}@${project}.iam.gserviceaccount.com`;
      return { email, name: `projects/${project}/serviceAccounts/${email}`, member: `serviceAccount:${email}`, uniqueId: "0" };
    },
    "gcp:iam/workloadIdentityPool:WorkloadIdentityPool": (name, i) => ({ name: path("gcp:iam/workloadIdentityPool:WorkloadIdentityPool")(name, i), state: "ACTIVE" }),
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (name, i) => ({ name: path("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider")(name, i), state: "ACTIVE" }),
    "gcp:projects/iAMCustomRole:IAMCustomRole": (name, i) => ({ name: path("gcp:projects/iAMCustomRole:IAMCustomRole")(name, i) }),
    "gcp:storage/bucket:Bucket": (name, i) => ({ name: str(i["name"], name), url: `gs://${str(i["name"], name)}`, selfLink: `https://storage.${placeholderDomain}/storage/v1/b/${str(i["name"], name)}` }),
    // With uniqueWriterIdentity, a sink writes as a service account of its own; offline, the project's logging agent.
    "gcp:logging/projectSink:ProjectSink": (name, i) => ({ name: str(i["name"], name), writerIdentity: `serviceAccount:service-${number}@gcp-sa-logging.iam.gserviceaccount.com` }),
  };
}
