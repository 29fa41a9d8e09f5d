import * as pulumi from "@pulumi/pulumi";
import * as container from "@pulumi/gcp/container/index.js";
import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import * as projects from "@pulumi/gcp/projects/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { serviceAccountId } from "../../clouds/gcp/service-account-id.ts";
import { securityGroupFor } from "../../clouds/gcp/google-groups.ts";
import { nodeMachineType } from "../../clouds/gcp/node-machine-types.ts";
import { gcpSubnetRanges } from "../../clouds/gcp/subnet-ranges.ts";
import { secondaryRangeNames } from "../network/gcp.ts";
import type { Cluster, ClusterArgs } from "./cluster.ts";

export interface GcpCluster extends Cluster {
  readonly native: {
    readonly cluster: container.Cluster;
    readonly nodePool: container.NodePool;
    readonly nodeAccount: serviceaccount.Account;
    readonly nodeRole: projects.IAMMember;
  };
}

/** The control plane's logs: API server, scheduler and controller manager besides the system's and workloads'. */
export const clusterLogComponents = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"];

/**
 * The nodes' configuration, the same for the default pool GKE creates (and this driver removes) and the
 * platform's pool: a service account of their own with only the node role (never the Compute Engine default
 * account and its Editor role), shielded VMs with secure boot and integrity monitoring, the GKE metadata server
 * (pods see their workload identity, never the node's credentials; legacy metadata endpoints off), boot disks
 * encrypted with the cluster key, Container-Optimized OS.
 */
function nodeConfig(args: ClusterArgs, account: serviceaccount.Account): container.NodePoolArgs["nodeConfig"] & object {
  return {
    machineType: nodeMachineType[args.nodeSize],
    imageType: "COS_CONTAINERD",
    diskType: "pd-balanced",
    diskSizeGb: 100,
    bootDiskKmsKey: args.secretsKeyId,
    serviceAccount: account.email,
    oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
    workloadMetadataConfig: { mode: "GKE_METADATA" },
    metadata: { "disable-legacy-endpoints": "true" },
  };
}

/**
 * A regional GKE Standard cluster on the network's subnetwork: private nodes (no external addresses), the API
 * endpoint private unless `publicAccessCidrs` lists networks (then reachable only from them, never from every
 * Google Cloud address), Workload Identity (`<project>.svc.id.goog`), Dataplane V2 (which enforces
 * NetworkPolicies), Secrets encrypted in etcd with the cluster key, shielded nodes, the REGULAR release channel,
 * no client certificate and no legacy ABAC, control-plane logs, and Google Groups for RBAC for the teams. The
 * default node pool is removed for one autoscaling pool (auto repair and upgrade, surge upgrades).
 */
export const gcpCluster: Driver<ClusterArgs, GcpCluster> = {
  create(args, ctx) {
    const { projectId } = projectOf(ctx);
    const opts = { parent: ctx.parent };
    const nodeAccountName = ctx.name("nodes");
    const nodeAccount = new serviceaccount.Account(nodeAccountName, {
      accountId: serviceAccountId(nodeAccountName),
      displayName: `${nodeAccountName}: GKE nodes`,
      description: "the cluster's nodes: logs, metrics and image pulls, nothing else",
      disabled: false,
    }, opts);
    // The node role GKE documents for a custom node service account (logs, metrics, metadata); project-wide,
    // since what it writes to has no resource of its own to grant on.
    const nodeRole = new projects.IAMMember(ctx.name("nodes-role"), { project: projectId, role: "roles/container.defaultNodeServiceAccount", member: nodeAccount.member }, opts);
    const cluster = createCluster(ctx, args, projectId, nodeAccount);
    const nodePool = new container.NodePool(ctx.name("node-pool"), {
      name: ctx.name("pool"),
      cluster: cluster.id,
      location: ctx.region,
      initialNodeCount: 1,
      // Totals over the region's zones, kept balanced between them.
      autoscaling: { totalMinNodeCount: args.minNodes, totalMaxNodeCount: args.maxNodes, locationPolicy: "BALANCED" },
      management: { autoRepair: true, autoUpgrade: true },
      upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 0 },
      nodeConfig: nodeConfig(args, nodeAccount),
    }, { ...opts, dependsOn: [nodeRole], ignoreChanges: ["initialNodeCount"] });
    return {
      clusterName: cluster.name,
      endpoint: cluster.endpoint,
      oidcIssuerUrl: pulumi.interpolate`https://container.googleapis.com/v1/projects/${projectId}/locations/${ctx.region}/clusters/${cluster.name}`,
      kubeconfig: pulumi.secret(kubeconfig(cluster)),
      nodes: { name: "nodes", id: nodeAccount.email },
      native: { cluster, nodePool, nodeAccount, nodeRole },
    };
  },
};

function createCluster(ctx: DriverContext, args: ClusterArgs, projectId: string, nodeAccount: serviceaccount.Account): container.Cluster {
  const name = ctx.name("gke");
  const publicEndpoint = args.publicAccessCidrs.length > 0;
  const securityGroup = securityGroupFor(args.teams);
  // The API endpoint admits only these networks: the listed ones when it is public, else the platform's own
  // (the CI runners in the cluster, a bastion or VPN in the network).
  const authorized = publicEndpoint ? args.publicAccessCidrs.map((cidr, i) => ({ cidrBlock: cidr, displayName: `public-access-${i + 1}` })) : [{ cidrBlock: args.network.cidr, displayName: "platform-network" }];
  return new container.Cluster(name, {
    name,
    description: "the platform's cluster",
    location: ctx.region,
    network: args.network.networkId,
    subnetwork: args.network.privateSubnetIds.apply((ids) => ids[0] ?? ""),
    networkingMode: "VPC_NATIVE",
    ipAllocationPolicy: { clusterSecondaryRangeName: secondaryRangeNames.pods, servicesSecondaryRangeName: secondaryRangeNames.services, stackType: "IPV4" },
    datapathProvider: "ADVANCED_DATAPATH",
    privateClusterConfig: {
      enablePrivateNodes: true,
      enablePrivateEndpoint: !publicEndpoint,
      masterIpv4CidrBlock: gcpSubnetRanges(args.network.cidr).controlPlane,
      masterGlobalAccessConfig: { enabled: false },
    },
    masterAuthorizedNetworksConfig: { cidrBlocks: authorized, gcpPublicCidrsAccessEnabled: false },
    masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
    enableLegacyAbac: false,
    workloadIdentityConfig: { workloadPool: `${projectId}.svc.id.goog` },
    databaseEncryption: { state: "ENCRYPTED", keyName: args.secretsKeyId },
    enableShieldedNodes: true,
    releaseChannel: { channel: "REGULAR" },
    minMasterVersion: args.version,
    deletionProtection: args.deletionProtection,
    ...(securityGroup ? { authenticatorGroupsConfig: { securityGroup } } : {}),
    loggingConfig: { enableComponents: clusterLogComponents },
    monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER"], managedPrometheus: { enabled: true } },
    securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_BASIC" },
    addonsConfig: { httpLoadBalancing: { disabled: false }, horizontalPodAutoscaling: { disabled: false }, gcePersistentDiskCsiDriverConfig: { enabled: true } },
    // GKE creates a default pool with the cluster; it is removed at once for the platform's own pool, but is
    // created with the same hardened configuration meanwhile.
    removeDefaultNodePool: true,
    initialNodeCount: 1,
    nodeConfig: nodeConfig(args, nodeAccount),
  }, { parent: ctx.parent, ignoreChanges: ["nodeConfig", "initialNodeCount"] });
}

/**
 * A kubeconfig that authenticates with the caller's Google credentials through `gke-gcloud-auth-plugin` (the
 * job's workload identity federation login): no static token, no client certificate.
 */
function kubeconfig(cluster: container.Cluster): pulumi.Output<string> {
  return pulumi.all([cluster.name, cluster.endpoint, cluster.masterAuth]).apply(([name, endpoint, auth]) => JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: `https://${endpoint}`, "certificate-authority-data": auth.clusterCaCertificate } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "gke-gcloud-auth-plugin", installHint: "gcloud components install gke-gcloud-auth-plugin", provideClusterInfo: true, interactiveMode: "Never" } } }],
  }));
}
