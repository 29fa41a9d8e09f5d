import * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/aws/eks/index.js";
import * as ec2 from "@pulumi/aws/ec2/index.js";
import * as iam from "@pulumi/aws/iam/index.js";
import type * as cloudwatch from "@pulumi/aws/cloudwatch/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { teamAccess } from "../../clouds/aws/cluster-access.ts";
import { policyDocument, policyJson, serviceTrust } from "../../clouds/aws/iam-policy.ts";
import { encryptedLogGroup } from "../../clouds/aws/log-group.ts";
import { nodeInstanceType } from "../../clouds/aws/sizes.ts";
import type { Cluster, ClusterArgs } from "./cluster.ts";

export interface AwsCluster extends Cluster {
  readonly native: {
    readonly cluster: eks.Cluster;
    readonly clusterRole: iam.Role;
    readonly nodeRole: iam.Role;
    readonly nodeGroup: eks.NodeGroup;
    readonly launchTemplate: ec2.LaunchTemplate;
    readonly logGroup: cloudwatch.LogGroup;
    /** The pod identity agent: what `eks.PodIdentityAssociation` (the workload tier's service accounts) relies on. */
    readonly podIdentityAgent: eks.Addon;
    /** The security group EKS puts on the control plane and the managed nodes. */
    readonly nodeSecurityGroupId: pulumi.Output<string>;
  };
}

const controlPlaneLogs = ["api", "audit", "authenticator"];
const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/**
 * EKS with a private API endpoint (public only for listed CIDRs), secrets encrypted with the cluster key,
 * control-plane logs to an encrypted log group, API-only authentication (access entries; the creator is not
 * made admin), a managed node group with IMDSv2 required, and the Pod Identity agent for workload identity.
 */
export const awsCluster: Driver<ClusterArgs, AwsCluster> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const name = ctx.name("eks");
    const clusterRole = new iam.Role(ctx.name("eks-cluster-role"), { assumeRolePolicy: serviceTrust("eks.amazonaws.com") }, opts);
    new iam.RolePolicyAttachment(ctx.name("eks-cluster-policy"), { role: clusterRole.name, policyArn: managedPolicy("AmazonEKSClusterPolicy") }, opts);
    const keyUse = new iam.RolePolicy(ctx.name("eks-secrets-key"), {
      role: clusterRole.id,
      policy: policyJson(policyDocument({ Effect: "Allow", Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"], Resource: [args.secretsKeyId] })),
    }, opts);
    // EKS writes to /aws/eks/<name>/cluster; creating it first sets its key and retention.
    const logGroup = encryptedLogGroup(ctx, "eks-logs", { name: `/aws/eks/${name}/cluster`, keyArn: args.secretsKeyId, retentionDays: args.logRetentionDays });

    const publicEndpoint = args.publicAccessCidrs.length > 0;
    const cluster = new eks.Cluster(name, {
      name,
      version: args.version,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: args.network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicEndpoint,
        ...(publicEndpoint ? { publicAccessCidrs: [...args.publicAccessCidrs] } : {}),
      },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: args.secretsKeyId } },
      enabledClusterLogTypes: controlPlaneLogs,
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      deletionProtection: args.deletionProtection,
    }, { ...opts, dependsOn: [logGroup, keyUse] });

    const { nodeRole, launchTemplate, nodeGroup } = createNodeGroup(ctx, cluster, args);
    const podIdentityAgent = new eks.Addon(ctx.name("pod-identity-agent"), {
      clusterName: cluster.name,
      addonName: "eks-pod-identity-agent",
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
    }, { ...opts, dependsOn: [nodeGroup] });
    for (const team of args.teams) teamAccess(ctx, team, cluster.name);

    return {
      clusterName: cluster.name,
      endpoint: cluster.endpoint,
      oidcIssuerUrl: cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? ""),
      kubeconfig: pulumi.secret(kubeconfig(cluster, ctx.region)),
      native: { cluster, clusterRole, nodeRole, nodeGroup, launchTemplate, logGroup, podIdentityAgent, nodeSecurityGroupId: cluster.vpcConfig.clusterSecurityGroupId },
    };
  },
};

function createNodeGroup(ctx: DriverContext, cluster: eks.Cluster, args: ClusterArgs) {
  const opts = { parent: ctx.parent };
  const nodeRole = new iam.Role(ctx.name("eks-node-role"), { assumeRolePolicy: serviceTrust("ec2.amazonaws.com") }, opts);
  const attachments = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly"].map((policy) =>
    new iam.RolePolicyAttachment(ctx.name(`eks-node-${policy.replace(/^Amazon/, "").replace(/_/g, "-").toLowerCase()}`), { role: nodeRole.name, policyArn: managedPolicy(policy) }, opts));
  const launchTemplate = new ec2.LaunchTemplate(ctx.name("eks-nodes"), {
    // IMDSv2 only, one hop: pods cannot reach the node's credentials; they use Pod Identity instead.
    metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", deleteOnTermination: "true" } }],
  }, opts);
  const nodeGroup = new eks.NodeGroup(ctx.name("eks-nodes"), {
    clusterName: cluster.name,
    nodeRoleArn: nodeRole.arn,
    subnetIds: args.network.privateSubnetIds,
    instanceTypes: [nodeInstanceType[args.nodeSize]],
    amiType: "AL2023_x86_64_STANDARD",
    scalingConfig: { minSize: args.minNodes, maxSize: args.maxNodes, desiredSize: args.minNodes },
    updateConfig: { maxUnavailable: 1 },
    launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
  }, { ...opts, dependsOn: attachments, ignoreChanges: ["scalingConfig.desiredSize"] });
  return { nodeRole, launchTemplate, nodeGroup };
}

/** A kubeconfig that authenticates with the caller's AWS credentials (`aws eks get-token`): no static token. */
function kubeconfig(cluster: eks.Cluster, region: string): pulumi.Output<string> {
  return pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([name, endpoint, ca]) => JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name, cluster: { server: endpoint, "certificate-authority-data": ca.data } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [{ name, user: { exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args: ["eks", "get-token", "--cluster-name", name, "--region", region] } } }],
  }));
}
