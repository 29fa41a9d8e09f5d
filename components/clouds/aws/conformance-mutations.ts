import type { PlanMutation } from "../../conformance/inspector.ts";
import { kubernetesMutations } from "../../conformance/kubernetes-mutations.ts";
import { add, edit, first, one, remove, setOutput, type Inputs } from "../../conformance/plan-edits.ts";

/**
 * Changes to AWS plans that break one promise each, keyed by the conformance assertion they must make fail (a
 * rule id, or an inspector assertion's id): the suite applies each to a copy of the fixture plans and expects
 * that assertion to report a problem, so no assertion can pass by checking nothing.
 */

const policy = (...statements: Inputs[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** The GitHub trust of one of the CI roles, with its condition replaced. */
const trust = (role: "deploy" | "preview" | "publish" | "review", condition: (current: Inputs) => Inputs) =>
  edit("aws:iam/role:Role", (i) => {
    const document = JSON.parse(i["assumeRolePolicy"]);
    const statement = [document.Statement].flat()[0];
    statement.Condition = condition(statement.Condition);
    i["assumeRolePolicy"] = JSON.stringify(document);
  }, (r) => r.name.endsWith(`-${role}`));
const gh = "token.actions.githubusercontent.com";

const s3 = {
  block: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  policy: "aws:s3/bucketPolicy:BucketPolicy",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  logging: "aws:s3/bucketLogging:BucketLogging",
};
const rds = "aws:rds/instance:Instance";
const eks = "aws:eks/cluster:Cluster";
const cdn = "aws:cloudfront/distribution:Distribution";

export const awsConformanceMutations: Readonly<Record<string, readonly PlanMutation[]>> = {
  ...kubernetesMutations,
  "encryption-at-rest-cmk": [
    one("database storage unencrypted", edit(rds, (i) => { i["storageEncrypted"] = false; delete i["kmsKeyId"]; })),
    one("a bucket on S3-managed keys", edit(s3.sse, (i) => void (i["rules"] = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]))),
  ],
  "key-rotation": [one("a key without rotation", edit("aws:kms/key:Key", (i) => void (i["enableKeyRotation"] = false)))],
  "no-public-data": [one("a bucket whose public access block lets public policies through", edit(s3.block, (i) => Object.assign(i, { blockPublicPolicy: false, restrictPublicBuckets: false })))],
  "no-public-database": [one("a publicly accessible database", edit(rds, (i) => void (i["publiclyAccessible"] = true)))],
  "private-cluster-endpoint": [one("a public cluster endpoint in prod", edit(eks, (i) => Object.assign(i["vpcConfig"], { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] })), "prod")],
  "no-internet-ingress": [
    one("a security group open to 0.0.0.0/0", edit("aws:ec2/securityGroup:SecurityGroup", (i) => void (i["ingress"] = [...(i["ingress"] ?? []), { cidrBlocks: ["0.0.0.0/0"], fromPort: 5432, toPort: 5432, protocol: "tcp" }]))),
    one("the cluster endpoint public to everyone", edit(eks, (i) => void (i["vpcConfig"].endpointPublicAccess = true))),
  ],
  "no-public-principal": [one("a bucket policy allowing everyone", edit(s3.policy, (i) => void (i["policy"] = policy({ Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::x/*"] }))))],
  "cdn-waf": [one("a distribution without a web ACL", edit(cdn, (i) => void delete i["webAclId"]))],
  "tls-in-transit": [one("a distribution serving plain HTTP", edit(cdn, (i) => void (i["defaultCacheBehavior"].viewerProtocolPolicy = "allow-all")))],
  "database-ssl": [
    one("rds.force_ssl off", edit("aws:rds/parameterGroup:ParameterGroup", (i) => void (i["parameters"] = i["parameters"].map((p: Inputs) => (p["name"] === "rds.force_ssl" ? { ...p, value: "0" } : p))))),
    one("the warehouse without require_ssl", edit("aws:redshiftserverless/workgroup:Workgroup", (i) => void delete i["configParameters"])),
  ],
  "deny-insecure-transport": [one("a bucket policy without the TLS-only deny", edit(s3.policy, (i) => void (i["policy"] = policy())))],
  "database-backups": [one("one day of backups in prod", edit(rds, (i) => void (i["backupRetentionPeriod"] = 1)), "prod")],
  "deletion-protection": [one("a deletable prod database", edit(rds, (i) => void (i["deletionProtection"] = false)), "prod")],
  "zone-redundancy": [one("a single-zone prod database", edit(rds, (i) => void (i["multiAz"] = false)), "prod")],
  "audit-logging": [
    one("the trail not logging", edit("aws:cloudtrail/trail:Trail", (i) => void (i["enableLogging"] = false))),
    one("no trail at all", remove("aws:cloudtrail/trail:Trail")),
  ],
  "vpc-flow-logs": [one("the VPC without its flow log", remove("aws:ec2/flowLog:FlowLog"))],
  "no-wildcard-iam": [one("a role policy allowing * on *", edit("aws:iam/rolePolicy:RolePolicy", (i) => void (i["policy"] = policy({ Effect: "Allow", Action: "*", Resource: "*" }))))],
  "no-privileged-roles": [one("AdministratorAccess attached", edit("aws:iam/rolePolicyAttachment:RolePolicyAttachment", (i) => void (i["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess")))],
  "ci-identity-federated": [one("the deploy role matching any ref of the repository", trust("deploy", (c) => ({ StringEquals: { [`${gh}:aud`]: c["StringEquals"][`${gh}:aud`] }, StringLike: { [`${gh}:sub`]: "repo:acme/platform:*" } })))],
  "no-long-lived-credentials": [one("an IAM user access key", add("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" }))],
  "registry-immutable-scanned": [one("mutable tags", edit("aws:ecr/repository:Repository", (i) => void (i["imageTagMutability"] = "MUTABLE")))],
  "required-tags": [one("the database without its owner tag", edit(rds, (i) => void delete i["tags"].owner))],
  "data-residency": [one("the provider in another region", edit("pulumi:providers:aws", (i) => void (i["region"] = "eu-central-1")))],
  // What no rule sees.
  "storage-versioned": [one("a bucket with versioning suspended", edit(s3.versioning, (i) => void (i["versioningConfiguration"] = { status: "Suspended" })))],
  "storage-access-logged": [one("a bucket without access logging", (plan) => remove(s3.logging, (r) => r === first(plan, s3.logging))(plan))],
  "database-by-environment": [
    one("deletion protection on a dev database", edit(rds, (i) => void (i["deletionProtection"] = true)), "dev"),
    one("a single-zone prod database", edit(rds, (i) => void (i["multiAz"] = false)), "prod"),
  ],
  "key-per-domain": [one("one key for every domain", (plan) => remove("aws:kms/key:Key", (r) => r !== first(plan, "aws:kms/key:Key"))(plan))],
  "ci-exact-subjects": [
    one("the publish role trusted on another branch", trust("publish", (c) => ({ StringEquals: { ...c["StringEquals"], [`${gh}:sub`]: "repo:acme/platform:ref:refs/heads/release" } }))),
    one("the review role also trusted in preview", trust("review", (c) => ({ StringEquals: { ...c["StringEquals"], [`${gh}:sub`]: ["repo:acme/platform:environment:review", "repo:acme/platform:environment:preview"] } })), "dev"),
    one("the preview identity exported as the deploy identity", (plan) => setOutput("previewIdentity", plan.outputs["deployIdentity"])(plan)),
  ],
  "secret-outputs": [
    one("the kubeconfig exported in plain text", setOutput("kubeconfig", "apiVersion: v1\nusers: [{name: admin, user: {token: abc}}]")),
    one("a password in a plain output", setOutput("databaseHost", "admin:password@db.internal")),
  ],
};
