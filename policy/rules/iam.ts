import { asArray, asRecord, get, policyStatements } from "../inputs.ts";
import { rbacWildcards, wildcardGrants, type PlainStatement, type RbacRule } from "../properties/wildcard-grant.ts";
import type { Rule } from "../rule.ts";
import { byType, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const includesWildcard = (value: unknown): boolean => asArray(value).some((v) => v === "*");

/** The shared definition (policy/properties/wildcard-grant.ts), on a policy document in JSON text or object form. */
function wildcardStatements(document: unknown): string[] {
  return wildcardGrants({ Statement: policyStatements(document) as PlainStatement[] });
}

const rbacRole: TypeCheck = (i) => rbacWildcards(asArray(i["rules"]).map(asRecord) as RbacRule[]);

export const noWildcardIam: Rule = {
  id: "no-wildcard-iam",
  description: "No IAM policy or RBAC role grants a wildcard: every action of a service (or all) on every resource, NotAction, NotResource, or `*` in an RBAC rule.",
  severity: "critical",
  remediation: "Grant the specific actions the workload calls on the specific resources (ARNs) it uses; list allowed actions instead of NotAction and resources instead of NotResource; name RBAC verbs, resources and API groups.",
  controls: controlSets.leastPrivilege,
  ...byType({
    "aws:iam/policy:Policy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/rolePolicy:RolePolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/userPolicy:UserPolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/groupPolicy:GroupPolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/role:Role": (i) => asArray(i["inlinePolicies"]).flatMap((p) => wildcardStatements(get(p, "policy"))),
    "aws:s3/bucketPolicy:BucketPolicy": (i) => wildcardStatements(i["policy"]),
    "aws:kms/key:Key": (i) => wildcardStatements(i["policy"]),
    "aws:ecr/repositoryPolicy:RepositoryPolicy": (i) => wildcardStatements(i["policy"]),
    "azure-native:authorization:RoleDefinition": (i) => (asArray(i["permissions"]).some((p) => includesWildcard(get(p, "actions"))) ? `role definition allows action "*"` : undefined),
    "kubernetes:rbac.authorization.k8s.io/v1:Role": rbacRole,
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": rbacRole,
  }),
};

/**
 * AWS-managed policies that grant a whole service or everything: AdministratorAccess (and its -Amplify-style
 * variants), PowerUserAccess, every *FullAccess, and the job-function administrators. A customer policy given one
 * of these names is reported too: the name is what a reviewer reads.
 */
const awsAdminPolicies = /:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess[\w+=,.@-]*|PowerUserAccess|[\w+=,.@-]*FullAccess[\w+=,.@-]*|(?:System|Network|Database)Administrator)$/;
const gcpPrimitiveRoles = ["roles/owner", "roles/editor", "roles/iam.securityAdmin"];
/** Built-in Azure role ids: Owner, Contributor, User Access Administrator. */
const azureAdminRoleIds = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"];
const kubernetesAdminRoles = ["cluster-admin", "admin", "edit"];

const awsAttachment: TypeCheck = (i) => (awsAdminPolicies.test(String(i["policyArn"])) ? `attaches ${String(i["policyArn"])}` : undefined);
const gcpRole: TypeCheck = (i) => (gcpPrimitiveRoles.includes(String(i["role"])) ? `grants ${String(i["role"])}` : undefined);
/** Subjects that mean "anyone who can reach the API server", signed in or not. */
export const broadKubernetesSubjects = ["system:authenticated", "system:unauthenticated", "system:anonymous", "system:serviceaccounts"];
const kubernetesBinding: TypeCheck = (i) => {
  const role = String(get(i, "roleRef.name"));
  const broad = asArray(i["subjects"]).map((s) => String(get(s, "name"))).filter((name) => broadKubernetesSubjects.includes(name));
  return [...(kubernetesAdminRoles.includes(role) ? [`binds the ${role} role`] : []), ...broad.map((name) => `binds ${role} to ${name} (everyone who reaches the API server)`)];
};

export const noPrivilegedRoles: Rule = {
  id: "no-privileged-roles",
  description: "Workloads and pipelines never get owner, admin, editor or AWS-managed full-access roles, and nothing is bound to everyone.",
  severity: "critical",
  remediation: "Replace the broad role with a narrow predefined role (or a custom one) covering what the identity does; bind Kubernetes roles to named users, groups or service accounts, never system:authenticated, system:anonymous or system:unauthenticated.",
  controls: controlSets.leastPrivilege,
  ...byType({
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": awsAttachment,
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": awsAttachment,
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": awsAttachment,
    "aws:iam/policyAttachment:PolicyAttachment": awsAttachment,
    "aws:iam/role:Role": (i) => asArray(i["managedPolicyArns"]).filter((arn) => awsAdminPolicies.test(String(arn))).map((arn) => `attaches ${String(arn)}`),
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": (i) => asArray(i["policyArns"]).filter((arn) => awsAdminPolicies.test(String(arn))).map((arn) => `attaches ${String(arn)}`),
    "gcp:projects/iAMMember:IAMMember": gcpRole,
    "gcp:projects/iAMBinding:IAMBinding": gcpRole,
    "gcp:serviceaccount/iAMMember:IAMMember": gcpRole,
    "azure-native:authorization:RoleAssignment": (i) => {
      const id = String(i["roleDefinitionId"] ?? "").toLowerCase();
      return azureAdminRoleIds.some((role) => id.endsWith(role)) ? "assigns Owner, Contributor or User Access Administrator" : undefined;
    },
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": kubernetesBinding,
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": kubernetesBinding,
  }),
};

const longLived = (what: string): TypeCheck => () => `${what} is a long-lived credential; use workload identity federation instead`;

export const noLongLivedCredentials: Rule = {
  id: "no-long-lived-credentials",
  description: "No IAM user access keys, service-account keys, client secrets, shared keys or registry admin users.",
  severity: "critical",
  remediation: "Delete the key or secret; workloads use the cluster's workload identity and CI uses OIDC federation. On Azure set allowSharedKeyAccess false on storage accounts and adminUserEnabled false on registries.",
  controls: controlSets.credentials,
  ...byType({
    "aws:iam/accessKey:AccessKey": longLived("an IAM user access key"),
    "gcp:serviceaccount/key:Key": longLived("a service-account key"),
    "azuread:index/applicationPassword:ApplicationPassword": longLived("an application client secret"),
    "azuread:index/servicePrincipalPassword:ServicePrincipalPassword": longLived("a service principal client secret"),
    "azure-native:storage:StorageAccount": (i) => (i["allowSharedKeyAccess"] === false ? undefined : "allowSharedKeyAccess is not false (shared keys are long-lived credentials)"),
    "azure-native:containerregistry:Registry": (i) => (i["adminUserEnabled"] === true ? "adminUserEnabled is true (the admin user's password is a long-lived credential)" : undefined),
  }),
};
