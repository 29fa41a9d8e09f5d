import { policyStatements } from "../inputs.ts";
import { publicPrincipalGrants } from "../properties/public-principal.ts";
import type { PlainStatement } from "../properties/wildcard-grant.ts";
import type { Rule } from "../rule.ts";
import { byType, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const document = (field: string): TypeCheck => (i) => publicPrincipalGrants({ Statement: policyStatements(i[field]) as PlainStatement[] });

export const noPublicPrincipal: Rule = {
  id: "no-public-principal",
  description: "No key, bucket, repository or trust policy allows every principal (\"*\") without a condition restricting the caller to the account, organisation or a source resource.",
  severity: "critical",
  remediation: "Name the principals (account root, role ARNs, service principals) instead of \"*\", or add a condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount or aws:SourceVpce.",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:kms/key:Key": document("policy"),
    "aws:s3/bucketPolicy:BucketPolicy": document("policy"),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": document("policy"),
    "aws:iam/role:Role": document("assumeRolePolicy"),
    "aws:sqs/queuePolicy:QueuePolicy": document("policy"),
    "aws:sns/topicPolicy:TopicPolicy": document("policy"),
  }),
};
