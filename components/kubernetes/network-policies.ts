import type { DataAccess } from "../spec/index.ts";
import type { WiredWorkload } from "../wiring/workloads.ts";
import { podLabels } from "./workload-specs.ts";
import type { EgressEndpoint } from "./identity/identity.ts";

/** The namespace of the ingress controller that fronts public services (ingress-nginx's chart default). */
export const ingressControllerNamespace = "ingress-nginx";
/** The managed PostgreSQL port: the Database contract is PostgreSQL on every cloud. */
export const databasePort = 5432;
const httpsPort = 443;
const dnsPort = 53;

type Labels = Readonly<Record<string, string>>;
export interface PolicyPeer {
  readonly podSelector?: { readonly matchLabels: Labels };
  readonly namespaceSelector?: { readonly matchLabels: Labels };
  readonly ipBlock?: { readonly cidr: string; readonly except?: string[] };
}
export interface PolicyPort {
  readonly protocol: "TCP" | "UDP";
  readonly port: number;
}
export interface PolicyDefinition {
  readonly name: string;
  /** The workload the policy belongs to; absent for the namespace-wide ones. */
  readonly workload?: string;
  readonly spec: {
    readonly podSelector: { readonly matchLabels?: Labels };
    readonly policyTypes: ("Ingress" | "Egress")[];
    readonly ingress?: { readonly from: PolicyPeer[]; readonly ports: PolicyPort[] }[];
    readonly egress?: { readonly to: PolicyPeer[]; readonly ports: PolicyPort[] }[];
  };
}

export interface NetworkPolicyArgs {
  /**
   * What runs on the cluster, from the wiring model (wiring/workloads.ts) the environment and the flow diagram
   * are made from. Pipelines' pods (CronJob runs) serve nothing and call nothing, so they get only data egress.
   */
  readonly workloads: readonly WiredWorkload[];
  /** The network's CIDR: pods, nodes and the data subnets all live in it. */
  readonly networkCidr: string;
  /** Per workload, the endpoints its cloud identity fetches credentials from (e.g. the EKS Pod Identity agent). */
  readonly credentialEndpoints: Readonly<Record<string, readonly EgressEndpoint[]>>;
  /** The warehouse's port inside the network, where the cloud's warehouse is reached that way (Redshift: 5439). */
  readonly warehousePort?: number;
}

/**
 * The namespace's NetworkPolicies: deny everything, then allow exactly the flows the spec declares. Every pod
 * may resolve names (kube-dns, UDP and TCP 53). Each `talksTo` edge allows the caller's servers to reach the
 * callee's servers on the callee's port, as an egress rule on one and an ingress rule on the other. Public
 * services accept the ingress controller's namespace. Database access allows PostgreSQL to the network's CIDR
 * (the data subnets are inside it), warehouse access the warehouse's port there too (when the cloud's warehouse
 * is reached that way); lake or warehouse access allows HTTPS to anything outside that CIDR (the cloud's object
 * storage and APIs). Migration and pipeline pods get only their workload's data flows.
 */
export function networkPolicies(args: NetworkPolicyArgs): PolicyDefinition[] {
  const onCluster = args.workloads.filter((w) => w.runsOn === "cluster");
  const workloads = onCluster.filter((w): w is WiredWorkload & { readonly port: number } => w.kind !== "pipeline" && w.port !== undefined);
  const policies: PolicyDefinition[] = [
    { name: "default-deny", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    {
      name: "allow-dns",
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
            ports: [{ protocol: "UDP", port: dnsPort }, { protocol: "TCP", port: dnsPort }],
          },
        ],
      },
    },
  ];
  for (const workload of workloads) {
    const callers = workloads.filter((w) => w.talksTo.includes(workload.name));
    const ingress = [
      ...callers.map((caller) => ({ from: [{ podSelector: { matchLabels: podLabels(caller.name, "server") } }], ports: [tcp(workload.port)] })),
      ...(workload.public ? [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ingressControllerNamespace } } }], ports: [tcp(workload.port)] }] : []),
    ];
    const callees = workload.talksTo.flatMap((name) => workloads.filter((w) => w.name === name));
    const data = dataEgress(workload, args);
    const egress = [...callees.map((callee) => ({ to: [{ podSelector: { matchLabels: podLabels(callee.name, "server") } }], ports: [tcp(callee.port)] })), ...data];
    const server = { matchLabels: podLabels(workload.name, "server") };
    if (ingress.length > 0) policies.push({ name: `${workload.name}-ingress`, workload: workload.name, spec: { podSelector: server, policyTypes: ["Ingress"], ingress } });
    if (egress.length > 0) policies.push({ name: `${workload.name}-egress`, workload: workload.name, spec: { podSelector: server, policyTypes: ["Egress"], egress } });
    if (workload.migrates && data.length > 0) {
      policies.push({ name: `${workload.name}-migration-egress`, workload: workload.name, spec: { podSelector: { matchLabels: podLabels(workload.name, "migration") }, policyTypes: ["Egress"], egress: data } });
    }
  }
  for (const pipeline of onCluster.filter((w) => w.kind === "pipeline")) {
    const data = dataEgress(pipeline, args);
    if (data.length > 0) {
      policies.push({ name: `${pipeline.name}-egress`, workload: pipeline.name, spec: { podSelector: { matchLabels: podLabels(pipeline.name, "pipeline") }, policyTypes: ["Egress"], egress: data } });
    }
  }
  return policies;
}

/** The flows a workload's data access needs: the database, the cloud's storage and APIs, its credentials. */
function dataEgress(workload: { readonly name: string; readonly dataAccess: DataAccess }, args: NetworkPolicyArgs): { to: PolicyPeer[]; ports: PolicyPort[] }[] {
  const { dataAccess } = workload;
  const cloudApis = Object.keys(dataAccess.lake).length > 0 || dataAccess.warehouse !== undefined;
  return [
    ...(dataAccess.database ? [{ to: [{ ipBlock: { cidr: args.networkCidr } }], ports: [tcp(databasePort)] }] : []),
    ...(dataAccess.warehouse && args.warehousePort !== undefined ? [{ to: [{ ipBlock: { cidr: args.networkCidr } }], ports: [tcp(args.warehousePort)] }] : []),
    ...(cloudApis ? [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: [args.networkCidr] } }], ports: [tcp(httpsPort)] }] : []),
    ...(args.credentialEndpoints[workload.name] ?? []).map((e) => ({ to: [{ ipBlock: { cidr: e.cidr } }], ports: [{ protocol: e.protocol, port: e.port }] })),
  ];
}

function tcp(port: number): PolicyPort {
  return { protocol: "TCP", port };
}
