import * as pulumi from "@pulumi/pulumi";
import { Role, RolePolicy } from "@pulumi/aws/iam/index.js";
import { PodIdentityAssociation } from "@pulumi/aws/eks/index.js";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { hostsReviewEnvironments, reviewNamespaceWildcard } from "../../review/names.ts";
import type { AccessLevel } from "../../spec/index.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";
import { databaseUser } from "../../wiring/database-user.ts";

/** The EKS Pod Identity agent: a host-network DaemonSet on a link-local address every node answers on. */
export const podIdentityAgent = { cidr: "169.254.170.23/32", port: 80, protocol: "TCP" } as const;

export interface AwsWorkloadIdentity extends WorkloadIdentity {
  /** Absent when the workload is granted nothing. */
  readonly native?: { readonly role: Role; readonly policy: RolePolicy; readonly association: PodIdentityAssociation };
}

/** What one workload may touch, as resolved names and ARNs. */
export interface AwsGrants {
  readonly buckets: readonly { readonly bucket: string; readonly level: AccessLevel }[];
  readonly lakeKeyArn?: string;
  /** `arn:aws:rds-db:REGION:ACCOUNT:dbuser:DBI_RESOURCE_ID/USER`. */
  readonly databaseUserArn?: string;
  readonly workgroupArn?: string;
}

interface Statement {
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

/**
 * The IAM policy for exactly the granted access: list and read (plus write and delete for readwrite) on each
 * granted zone's bucket, decrypt (plus data keys for writes) on the lake's key, `rds-db:connect` as the
 * workload's own database user, Redshift Serverless credentials on the one workgroup. No wildcard resources.
 */
export function grantPolicy(grants: AwsGrants): { Version: "2012-10-17"; Statement: Statement[] } {
  const statements: Statement[] = [];
  for (const { bucket, level } of grants.buckets) {
    statements.push({ Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${bucket}`] });
    const objects = level === "readwrite" ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"];
    statements.push({ Effect: "Allow", Action: objects, Resource: [`arn:aws:s3:::${bucket}/*`] });
  }
  if (grants.buckets.length > 0 && grants.lakeKeyArn) {
    const writes = grants.buckets.some((b) => b.level === "readwrite");
    statements.push({ Effect: "Allow", Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], Resource: [grants.lakeKeyArn] });
  }
  if (grants.databaseUserArn) statements.push({ Effect: "Allow", Action: ["rds-db:connect"], Resource: [grants.databaseUserArn] });
  if (grants.workgroupArn) statements.push({ Effect: "Allow", Action: ["redshift-serverless:GetCredentials"], Resource: [grants.workgroupArn] });
  return { Version: "2012-10-17", Statement: statements };
}

/** The IAM path of a stack's workload roles: the review identity may pass exactly the roles on it. */
export function workloadRolePath(ctx: Pick<DriverContext, "name">): string {
  return `/${ctx.name("workloads")}/`;
}

/**
 * Trusts EKS Pod Identity only for this cluster, namespace and service account (the session tags EKS sets), so
 * the role cannot be associated with any other workload. A dev stack's roles also admit the same service account
 * in review namespaces (`pr-*`): a review environment runs the workload as the dev workload, with the same grants.
 */
export function podIdentityTrust(clusterName: string, namespace: string, serviceAccount: string, reviewNamespaces = false): object {
  const namespaceKey = "aws:RequestTag/kubernetes-namespace";
  const equals = { "aws:RequestTag/eks-cluster-name": clusterName, ...(reviewNamespaces ? {} : { [namespaceKey]: namespace }), "aws:RequestTag/kubernetes-service-account": serviceAccount };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: equals, ...(reviewNamespaces ? { StringLike: { [namespaceKey]: [namespace, reviewNamespaceWildcard] } } : {}) },
      },
    ],
  };
}

/** EKS Pod Identity: no ServiceAccount annotation; the association binds the role to the service account. */
export const awsWorkloadIdentity: Driver<WorkloadIdentityArgs, AwsWorkloadIdentity> = {
  create(args, ctx) {
    const { access, workload } = args;
    const zones = Object.entries(access.lake);
    // The spec refuses database or warehouse access where none is declared, so a grant always has its target.
    const databaseId = access.database ? args.database?.resourceId : undefined;
    const workgroup = access.warehouse ? args.warehouse?.resourceId : undefined;
    if (zones.length === 0 && !databaseId && !workgroup) return { serviceAccountAnnotations: {}, podLabels: {}, credentialEndpoints: [] };

    const parent = { parent: ctx.parent };
    const account = getCallerIdentityOutput({}, parent).accountId;
    const region = ctx.spec.region;
    const role = new Role(ctx.name(workload), {
      description: `${workload} pods in ${args.namespace} (EKS Pod Identity)`,
      path: workloadRolePath(ctx),
      assumeRolePolicy: args.cluster.clusterName.apply((cluster) => JSON.stringify(podIdentityTrust(cluster, args.namespace, args.serviceAccountName, hostsReviewEnvironments(ctx.spec)))),
      maxSessionDuration: 3600,
    }, parent);
    const buckets = pulumi.all(zones.map(([zone, level]) => pulumi.output(args.lake.zoneLocations[zone]).apply((bucket) => ({ bucket: bucket ?? "", level }))));
    const document = pulumi
      .all([buckets, args.keyIds.lake, account, databaseId ?? "", workgroup ?? ""])
      .apply(([granted, lakeKeyArn, accountId, dbi, group]) =>
        JSON.stringify(
          grantPolicy({
            buckets: granted,
            lakeKeyArn,
            ...(dbi ? { databaseUserArn: `arn:aws:rds-db:${region}:${accountId}:dbuser:${dbi}/${databaseUser(workload)}` } : {}),
            ...(group ? { workgroupArn: group } : {}),
          }),
        ),
      );
    const policy = new RolePolicy(ctx.name(workload), { role: role.name, policy: document }, parent);
    const association = new PodIdentityAssociation(ctx.name(workload), {
      clusterName: args.cluster.clusterName,
      namespace: args.namespace,
      serviceAccount: args.serviceAccountName,
      roleArn: role.arn,
    }, parent);
    return { serviceAccountAnnotations: {}, podLabels: {}, credentialEndpoints: [podIdentityAgent], cloudIdentity: role.arn, native: { role, policy, association } };
  },
};
