import type { CloudWorkloadWiring } from "../../kubernetes/workload-env.ts";
import { databaseUser } from "../../wiring/database-user.ts";
import { redshiftPort } from "../../data/warehouse/aws.ts";

/**
 * AWS's part of every workload's environment: databases authenticate with RDS IAM auth tokens minted with the
 * pod's workload identity (EKS Pod Identity), the lake is S3, the warehouse Redshift Serverless (the workgroup's
 * port and the namespace's database, see data/warehouse/aws.ts), and the SDKs and the RDS signer read `AWS_REGION`.
 */
export const awsWorkloadWiring: CloudWorkloadWiring = {
  databaseAuth: "aws-iam",
  databaseUser,
  storageUrl: (bucket) => `s3://${bucket}`,
  warehouseUrl: (endpoint) => `redshift://${endpoint}:${redshiftPort}/analytics`,
  warehousePort: redshiftPort,
  regionVariables: (region) => ({ AWS_REGION: region }),
};
