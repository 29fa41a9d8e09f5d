import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/azure-native/compute/index.js";
import * as containerservice from "@pulumi/azure-native/containerservice/index.js";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import type * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type { Driver } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { keyUser } from "../../clouds/azure/key-user.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import { azureClusterSubnetsOf } from "../../clouds/azure/subnets.ts";
import { nodeVmSize } from "../../clouds/azure/vm-sizes.ts";
import { azureCliKubeconfig } from "../../clouds/azure/kubeconfig.ts";
import { overlapsAny } from "../../clouds/azure/cluster-ranges.ts";
import type { Cluster, ClusterArgs } from "./cluster.ts";

export interface AzureCluster extends Cluster {
  readonly native: {
    readonly cluster: containerservice.ManagedCluster;
    readonly controlPlaneIdentity: managedidentity.UserAssignedIdentity;
    readonly diskEncryptionSet: compute.DiskEncryptionSet;
  };
}

/**
 * AKS, private and Entra ID only:
 * - The API server is private (a private endpoint in the network, the `system` private DNS zone, no public FQDN)
 *   unless `publicAccessCidrs` names networks, and VNet-integrated (its own delegated subnet) so KMS reaches the
 *   private Key Vault. Local accounts are off: every caller is an Entra ID identity (kubeconfig via kubelogin).
 * - Authorization: Entra ID with Azure RBAC for Kubernetes (`aadProfile.managed`, `enableAzureRBAC`), so CI
 *   identities get namespace-scoped role assignments (Azure Kubernetes Service RBAC Admin on the namespace,
 *   Reader on the cluster) that `pulumi up` manages with the rest of the stack, instead of in-cluster bindings a
 *   lost admin could not repair. Kubernetes RBAC stays on: teams' Entra groups (object ids) are bound to the
 *   namespaced Roles the workload tier makes, and get the Cluster User role here to fetch a kubeconfig. No group
 *   is cluster admin (`adminGroupObjectIDs` empty).
 * - Workload identity: the OIDC issuer and the workload identity webhook on.
 * - Network: Azure CNI overlay with the Cilium dataplane, which enforces NetworkPolicies; egress through the
 *   network's NAT gateways only (`userAssignedNATGateway`).
 * - Nodes: Azure Linux, autoscaling between minNodes and maxNodes in every zone (one pool per workload subnet:
 *   per zone when egress is zonal), encryption at host, OS and data disks under the cluster key (a disk
 *   encryption set). Secrets in etcd: KMS with the cluster key. The node resource group is read-only.
 * - Upgrades: patch releases and node images automatically. Standard tier (the uptime SLA); the Azure Policy
 *   add-on; Defender's sensor and the image cleaner; control-plane logs (kube-audit among them) to the workspace.
 */
export const azureCluster: Driver<ClusterArgs, AzureCluster> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { tenantId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
    const resourceGroupName = resourceGroupOf(ctx);
    const subnets = azureClusterSubnetsOf(args.network);
    const name = ctx.name("aks");

    // The control plane's identity exists before the cluster, so KMS and the network can be granted to it first.
    const secrets = keyUser(ctx, "cluster", args.secretsKeyId);
    const controlPlaneIdentity = secrets.identity;
    // KMS encrypts and decrypts etcd's data keys with the cluster key (Crypto User: encrypt/decrypt on that key).
    const kms = roleAssignment(ctx, "cluster-kms", { scope: secrets.key.keyResourceId, role: "Key Vault Crypto User", principalId: controlPlaneIdentity.principalId, principalType: "ServicePrincipal" });
    // The control plane joins nodes and the API server to the network's subnets (and the NAT gateways behind them).
    const networkGrant = roleAssignment(ctx, "cluster-network", { scope: args.network.networkId, role: "Network Contributor", principalId: controlPlaneIdentity.principalId, principalType: "ServicePrincipal" });
    const kmsKey = keyvault.getKeyOutput({ resourceGroupName, vaultName: secrets.key.vaultName, keyName: secrets.key.keyName }, opts);

    const disks = keyUser(ctx, "cluster-disks", args.secretsKeyId);
    const diskEncryptionSet = new compute.DiskEncryptionSet(ctx.name("disks"), {
      diskEncryptionSetName: ctx.name("disks"),
      resourceGroupName,
      location: ctx.region,
      encryptionType: compute.DiskEncryptionSetType.EncryptionAtRestWithCustomerKey,
      identity: { type: compute.DiskEncryptionSetIdentityType.UserAssigned, userAssignedIdentities: [disks.identity.id] },
      activeKey: { keyUrl: disks.key.uri, sourceVault: { id: disks.key.vaultId } },
      rotationToLatestKeyVersionEnabled: true,
    }, { ...opts, dependsOn: [disks.grant] });
    // The control plane reads the disk encryption set it puts the nodes' disks under.
    const diskSetGrant = roleAssignment(ctx, "cluster-disks-reader", { scope: diskEncryptionSet.id, role: "Reader", principalId: controlPlaneIdentity.principalId, principalType: "ServicePrincipal" });

    const ranges = clusterRanges(args.network.cidr);
    const publicEndpoint = args.publicAccessCidrs.length > 0;
    const pools = subnets.workloads.length;
    const perPool = (count: number) => Math.max(1, Math.ceil(count / pools));
    const cluster = new containerservice.ManagedCluster(name, {
      resourceName: name,
      resourceGroupName,
      location: ctx.region,
      dnsPrefix: name,
      kubernetesVersion: args.version,
      sku: { name: containerservice.ManagedClusterSKUName.Base, tier: containerservice.ManagedClusterSKUTier.Standard },
      supportPlan: containerservice.KubernetesSupportPlan.KubernetesOfficial,
      identity: { type: containerservice.ResourceIdentityType.UserAssigned, userAssignedIdentities: [controlPlaneIdentity.id] },
      disableLocalAccounts: true,
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: tenantId, adminGroupObjectIDs: [] },
      apiServerAccessProfile: publicEndpoint
        ? { enablePrivateCluster: false, authorizedIPRanges: [...args.publicAccessCidrs], enableVnetIntegration: true, subnetId: subnets.apiServerSubnetId, disableRunCommand: true }
        : { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, privateDNSZone: "system", enableVnetIntegration: true, subnetId: subnets.apiServerSubnetId, disableRunCommand: true },
      oidcIssuerProfile: { enabled: true },
      securityProfile: {
        workloadIdentity: { enabled: true },
        azureKeyVaultKms: { enabled: true, keyId: kmsKey.keyUriWithVersion, keyVaultNetworkAccess: containerservice.KeyVaultNetworkAccessTypes.Private, keyVaultResourceId: secrets.key.vaultId },
        defender: { logAnalyticsWorkspaceResourceId: args.logDestination, securityMonitoring: { enabled: true } },
        imageCleaner: { enabled: true, intervalHours: 168 },
      },
      addonProfiles: { azurepolicy: { enabled: true } },
      autoUpgradeProfile: { upgradeChannel: containerservice.UpgradeChannel.Patch, nodeOSUpgradeChannel: containerservice.NodeOSUpgradeChannel.NodeImage },
      networkProfile: {
        networkPlugin: containerservice.NetworkPlugin.Azure,
        networkPluginMode: containerservice.NetworkPluginMode.Overlay,
        networkDataplane: containerservice.NetworkDataplane.Cilium,
        networkPolicy: containerservice.NetworkPolicy.Cilium,
        outboundType: containerservice.OutboundType.UserAssignedNATGateway,
        loadBalancerSku: containerservice.LoadBalancerSku.Standard,
        podCidr: ranges.pods,
        serviceCidr: ranges.services,
        dnsServiceIP: ranges.dns,
      },
      nodeResourceGroupProfile: { restrictionLevel: containerservice.RestrictionLevel.ReadOnly },
      diskEncryptionSetID: diskEncryptionSet.id,
      autoScalerProfile: { balanceSimilarNodeGroups: pools > 1 ? "true" : "false", expander: containerservice.Expander.Random },
      agentPoolProfiles: subnets.workloads.map((pool, i) => ({
        name: `pool${i + 1}`,
        mode: containerservice.AgentPoolMode.System,
        type: containerservice.AgentPoolType.VirtualMachineScaleSets,
        vmSize: nodeVmSize[args.nodeSize],
        osType: containerservice.OSType.Linux,
        osSKU: containerservice.OSSKU.AzureLinux,
        osDiskType: containerservice.OSDiskType.Managed,
        enableAutoScaling: true,
        count: perPool(args.minNodes),
        minCount: perPool(args.minNodes),
        maxCount: perPool(args.maxNodes),
        availabilityZones: [...pool.zones],
        vnetSubnetID: pool.subnetId,
        enableNodePublicIP: false,
        enableEncryptionAtHost: true,
        orchestratorVersion: args.version,
        upgradeSettings: { maxSurge: "33%" },
      })),
    }, { ...opts, dependsOn: [kms, networkGrant, diskSetGrant], ignoreChanges: ["agentPoolProfiles[*].count"], protect: args.deletionProtection });

    diagnosticSetting(ctx, "cluster", { resourceUri: cluster.id, workspaceId: args.logDestination });
    // Teams fetch a kubeconfig (Cluster User); what they may do inside is their group's namespaced RoleBindings.
    for (const team of args.teams) {
      roleAssignment(ctx, `team-${team.name}-cluster-user`, { scope: cluster.id, role: "Azure Kubernetes Service Cluster User Role", principalId: team.group, principalType: "Group" });
    }
    const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName, resourceName: cluster.name, format: "exec" }, opts);
    const kubeconfig = credentials.apply((c) => azureCliKubeconfig(Buffer.from(c.kubeconfigs?.[0]?.value ?? "", "base64").toString("utf8")));
    return {
      clusterName: cluster.name,
      endpoint: pulumi.all([cluster.privateFQDN, cluster.fqdn]).apply(([priv, pub]) => `https://${publicEndpoint ? pub : priv}`),
      oidcIssuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
      kubeconfig: pulumi.secret(kubeconfig),
      // The kubelet's identity (AKS makes it) pulls every image the cluster runs: the registry grants it AcrPull.
      nodes: {
        name: "nodes",
        id: cluster.identityProfile.apply((profile) => {
          const objectId = profile?.["kubeletidentity"]?.objectId;
          if (!objectId) throw new Error(`${name}: the cluster reports no kubelet identity to grant image pulls`);
          return objectId;
        }),
      },
      native: { cluster, controlPlaneIdentity, diskEncryptionSet },
    };
  },
};

/** Pod and service ranges outside the network's own (AKS's defaults would collide with a 10.0.0.0/16 network). */
function clusterRanges(networkCidr: string): { pods: string; services: string; dns: string } {
  const candidates = [
    { pods: "192.168.0.0/16", services: "172.20.0.0/16", dns: "172.20.0.10" },
    { pods: "100.64.0.0/16", services: "100.65.0.0/16", dns: "100.65.0.10" },
  ];
  const fit = candidates.find((c) => !overlapsAny(networkCidr, [c.pods, c.services]));
  if (!fit) throw new Error(`stratum:infra.network.cidr ${networkCidr} overlaps every pod and service range the AKS driver uses (192.168.0.0/16 with 172.20.0.0/16, 100.64.0.0/16 with 100.65.0.0/16); choose another network range`);
  return fit;
}

