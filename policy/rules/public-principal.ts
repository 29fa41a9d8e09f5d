import { policyStatements } from "../inputs.ts";
import { publicPrincipalGrants } from "../properties/public-principal.ts";
import type { PlainStatement } from "../properties/wildcard-grant.ts";
import type { Rule } from "../rule.ts";
import { byType, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";
import { forGcpIam } from "./gcp-iam.ts";
import { gcpPublicGrant } from "./public-access.ts";

const document = (field: string): TypeCheck => (i) => publicPrincipalGrants({ Statement: policyStatements(i[field]) as PlainStatement[] });

export const noPublicPrincipal: Rule = {
  id: "no-public-principal",
  description: "No key, bucket, repository, secret or trust policy allows every principal (\"*\", allUsers, allAuthenticatedUsers, anonymous pull) without a condition restricting the caller to the account, organisation or a source resource.",
  severity: "critical",
  remediation: "Name the principals (account root, role ARNs, service principals) instead of \"*\", or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount or aws:SourceVpce. GCP: grant roles to named service accounts and groups, never allUsers or allAuthenticatedUsers. Azure: anonymousPullEnabled false on registries.",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:kms/key:Key": document("policy"),
    "aws:s3/bucketPolicy:BucketPolicy": document("policy"),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": document("policy"),
    "aws:iam/role:Role": document("assumeRolePolicy"),
    "aws:sqs/queuePolicy:QueuePolicy": document("policy"),
    "aws:sns/topicPolicy:TopicPolicy": document("policy"),
    // Buckets and datasets are no-public-data's; everything else a GCP grant can name is here.
    ...forGcpIam(["repository"], gcpPublicGrant("repository")),
    ...forGcpIam(["secret"], gcpPublicGrant("secret")),
    ...forGcpIam(["cryptoKey", "keyRing"], gcpPublicGrant("key")),
    ...forGcpIam(["serviceAccount"], gcpPublicGrant("service account")),
    ...forGcpIam(["project"], gcpPublicGrant("project")),
    ...forGcpIam(["folder"], gcpPublicGrant("folder")),
    ...forGcpIam(["organization"], gcpPublicGrant("organisation")),
    "azure-native:containerregistry:Registry": (i) => (i["anonymousPullEnabled"] === true ? "registry allows anonymous pull (anonymousPullEnabled true)" : undefined),
  }),
};
