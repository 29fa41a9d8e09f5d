import * as redshiftserverless from "@pulumi/aws/redshiftserverless/index.js";
import type * as ec2 from "@pulumi/aws/ec2/index.js";
import type { Driver } from "../../capability.ts";
import { dataStoreConnectivityOf } from "../../clouds/aws/data-store-connectivity.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import type * as iam from "@pulumi/aws/iam/index.js";
import { vpcOnlySecurityGroup } from "../../clouds/aws/security-group.ts";
import { warehouseBaseCapacity } from "../../clouds/aws/sizes.ts";
import type { Warehouse, WarehouseArgs } from "./warehouse.ts";

export interface AwsWarehouse extends Warehouse {
  readonly native: { readonly namespace: redshiftserverless.Namespace; readonly workgroup: redshiftserverless.Workgroup; readonly securityGroup: ec2.SecurityGroup; readonly grants: Readonly<Record<string, iam.RolePolicy>> };
}

/** Redshift's port: the workgroup listens on it, and workloads granted the warehouse may reach it. */
export const redshiftPort = 5439;
const logExports = ["userlog", "connectionlog", "useractivitylog"];

/**
 * Redshift Serverless: the namespace encrypted with the warehouse key and its admin password managed in Secrets
 * Manager; the workgroup in the data subnets, not publicly accessible, with enhanced VPC routing so COPY and
 * UNLOAD traffic stays in the VPC.
 */
export const awsWarehouse: Driver<WarehouseArgs, AwsWarehouse> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const placement = dataStoreConnectivityOf(args.connectivity);
    const namespace = new redshiftserverless.Namespace(ctx.name("warehouse"), {
      namespaceName: ctx.name("warehouse"),
      dbName: "analytics",
      kmsKeyId: args.keyId,
      manageAdminPassword: true,
      adminPasswordSecretKmsKeyId: args.keyId,
      logExports,
    }, opts);
    const securityGroup = vpcOnlySecurityGroup(ctx, "warehouse-sg", { vpcId: placement.vpcId, cidr: placement.cidr, port: redshiftPort, description: `${ctx.name("warehouse")}: Redshift from the VPC` });
    const workgroup = new redshiftserverless.Workgroup(ctx.name("warehouse-wg"), {
      workgroupName: ctx.name("warehouse"),
      namespaceName: namespace.namespaceName,
      baseCapacity: warehouseBaseCapacity[args.size],
      publiclyAccessible: false,
      enhancedVpcRouting: true,
      subnetIds: placement.subnetIds,
      securityGroupIds: [securityGroup.id],
      port: redshiftPort,
      configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
    }, opts);
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, roleGrant(ctx, grant.principal, "warehouse", [
      { Effect: "Allow", Action: ["redshift-serverless:GetCredentials"], Resource: [workgroup.arn] },
    ])]));
    return {
      warehouseId: namespace.namespaceId,
      endpoint: workgroup.endpoints.apply((endpoints) => endpoints[0]?.address ?? ""),
      native: { namespace, workgroup, securityGroup, grants },
    };
  },
};
