import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2/index.js";
import * as iam from "@pulumi/aws/iam/index.js";
import { getAvailabilityZonesOutput } from "@pulumi/aws/getAvailabilityZones.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { accountId, logGroupStreamsArn } from "../../clouds/aws/account.ts";
import { policyDocument, policyJson, serviceTrust } from "../../clouds/aws/iam-policy.ts";
import { encryptedLogGroup } from "../../clouds/aws/log-group.ts";
import { vpcOnlySecurityGroup } from "../../clouds/aws/security-group.ts";
import type { Network, NetworkArgs } from "./network.ts";
import { subnetCidrs } from "./subnet-cidrs.ts";
import { awsDataStoreConnectivity } from "../../clouds/aws/data-store-connectivity.ts";

export interface AwsNetwork extends Network {
  readonly native: {
    readonly vpc: ec2.Vpc;
    readonly subnets: { readonly private: ec2.Subnet[]; readonly data: ec2.Subnet[]; readonly public: ec2.Subnet[] };
    readonly natGateways: ec2.NatGateway[];
    readonly routeTables: ec2.RouteTable[];
    readonly defaultSecurityGroup: ec2.DefaultSecurityGroup;
    readonly endpoints: ec2.VpcEndpoint[];
    readonly flowLog?: ec2.FlowLog;
  };
}

/** Interface endpoints that let nodes pull images without leaving the VPC; S3 (image layers) is a gateway endpoint. */
const interfaceEndpoints = ["ecr.api", "ecr.dkr"] as const;

/**
 * A VPC over the contract's zones: private subnets for workloads (out through NAT: one gateway for `shared`
 * egress, one per zone for `zonal`), data subnets with no route
 * to the internet, public subnets for load balancers only (no public IPs on launch), the default security group
 * stripped of its rules, flow logs to an encrypted log group, and endpoints for S3 and ECR.
 */
export const awsNetwork: Driver<NetworkArgs, AwsNetwork> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const region = ctx.region;
    const zones = getAvailabilityZonesOutput({ state: "available" }, opts).names;
    const plan = subnetCidrs(args.cidr, args.zones);
    const vpc = new ec2.Vpc(ctx.name("vpc"), { cidrBlock: args.cidr, enableDnsHostnames: true, enableDnsSupport: true }, opts);
    const subnet = (tier: "private" | "data" | "public", cidr: string, i: number) =>
      new ec2.Subnet(ctx.name(`${tier}-${i}`), { vpcId: vpc.id, cidrBlock: cidr, availabilityZone: zones.apply((z) => zoneAt(z, i)), mapPublicIpOnLaunch: false }, opts);
    const subnets = {
      private: plan.private.map((c, i) => subnet("private", c, i)),
      data: plan.data.map((c, i) => subnet("data", c, i)),
      public: plan.public.map((c, i) => subnet("public", c, i)),
    };

    const igw = new ec2.InternetGateway(ctx.name("igw"), { vpcId: vpc.id }, opts);
    const publicRoutes = new ec2.RouteTable(ctx.name("public-routes"), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }] }, opts);
    const natCount = args.egress === "zonal" ? args.zones : 1;
    const natGateways = subnets.public.slice(0, natCount).map((publicSubnet, i) => {
      const eip = new ec2.Eip(ctx.name(`nat-${i}-ip`), { domain: "vpc" }, opts);
      return new ec2.NatGateway(ctx.name(`nat-${i}`), { allocationId: eip.id, subnetId: publicSubnet.id, connectivityType: "public" }, { ...opts, dependsOn: [igw] });
    });
    const privateRoutes = subnets.private.map((_, i) =>
      new ec2.RouteTable(ctx.name(`private-routes-${i}`), { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: natGateways[Math.min(i, natGateways.length - 1)]!.id }] }, opts));
    // Data subnets reach only the VPC and the S3 gateway endpoint: no default route at all.
    const dataRoutes = new ec2.RouteTable(ctx.name("data-routes"), { vpcId: vpc.id }, opts);
    const associate = (tier: string, list: ec2.Subnet[], table: (i: number) => ec2.RouteTable) =>
      list.forEach((s, i) => new ec2.RouteTableAssociation(ctx.name(`${tier}-${i}-routes`), { subnetId: s.id, routeTableId: table(i).id }, opts));
    associate("private", subnets.private, (i) => privateRoutes[i]!);
    associate("data", subnets.data, () => dataRoutes);
    associate("public", subnets.public, () => publicRoutes);

    // Managing the default security group with no rules removes AWS's allow-all defaults.
    const defaultSecurityGroup = new ec2.DefaultSecurityGroup(ctx.name("default-sg"), { vpcId: vpc.id, ingress: [], egress: [] }, opts);

    const endpointSg = vpcOnlySecurityGroup(ctx, "endpoints-sg", { vpcId: vpc.id, cidr: args.cidr, port: 443, description: "HTTPS from the VPC to AWS service endpoints" });
    const endpoints = [
      new ec2.VpcEndpoint(ctx.name("s3-endpoint"), {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...privateRoutes.map((t) => t.id), dataRoutes.id],
      }, opts),
      ...interfaceEndpoints.map((service) => new ec2.VpcEndpoint(ctx.name(`${service.replace(".", "-")}-endpoint`), {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: subnets.private.map((s) => s.id),
        securityGroupIds: [endpointSg.id],
      }, opts)),
    ];

    const flowLog = args.flowLogs ? createFlowLog(ctx, vpc, args) : undefined;
    const ids = (list: ec2.Subnet[]) => pulumi.all(list.map((s) => s.id));
    return {
      networkId: vpc.id,
      cidr: args.cidr,
      privateSubnetIds: ids(subnets.private),
      dataStores: awsDataStoreConnectivity({ vpcId: vpc.id, subnetIds: ids(subnets.data), cidr: args.cidr }),
      native: { vpc, subnets, natGateways, routeTables: [publicRoutes, ...privateRoutes, dataRoutes], defaultSecurityGroup, endpoints, ...(flowLog ? { flowLog } : {}) },
    };
  },
};

function zoneAt(zones: string[], i: number): string {
  const zone = zones[i];
  if (!zone) throw new Error(`the region has ${zones.length} available zones; the network asks for zone ${i + 1}`);
  return zone;
}

/** Every accepted and rejected flow, to a KMS-encrypted log group written by a role that can do nothing else. */
function createFlowLog(ctx: DriverContext, vpc: ec2.Vpc, args: NetworkArgs): ec2.FlowLog {
  const opts = { parent: ctx.parent };
  const groupName = `/stratum/${ctx.name("vpc-flow-logs")}`;
  const group = encryptedLogGroup(ctx, "flow-logs", { name: groupName, keyArn: args.keyId, retentionDays: args.logRetentionDays });
  const role = new iam.Role(ctx.name("flow-logs-role"), { assumeRolePolicy: serviceTrust("vpc-flow-logs.amazonaws.com") }, opts);
  new iam.RolePolicy(ctx.name("flow-logs-write"), {
    role: role.id,
    policy: policyJson(policyDocument({
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
      Resource: [group.arn, logGroupStreamsArn(ctx.region, accountId(ctx), groupName)],
    })),
  }, opts);
  return new ec2.FlowLog(ctx.name("flow-log"), {
    vpcId: vpc.id,
    trafficType: "ALL",
    logDestinationType: "cloud-watch-logs",
    logDestination: group.arn,
    iamRoleArn: role.arn,
    maxAggregationInterval: 60,
  }, opts);
}
