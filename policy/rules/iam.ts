import { asArray, asRecord, get, policyStatements } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const includesWildcard = (value: unknown): boolean => asArray(value).some((v) => v === "*");

function wildcardStatements(document: unknown): string | undefined {
  const open = policyStatements(document).filter((s) => s["Effect"] === "Allow" && includesWildcard(s["Action"]) && includesWildcard(s["Resource"]));
  return open.length > 0 ? `policy allows action "*" on resource "*"` : undefined;
}

export const noWildcardIam: Rule = {
  id: "no-wildcard-iam",
  description: "No IAM policy allows every action on every resource.",
  severity: "critical",
  remediation: "Grant the specific actions the workload calls on the specific resources (ARNs) it uses.",
  controls: controlSets.leastPrivilege,
  ...byType({
    "aws:iam/policy:Policy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/rolePolicy:RolePolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/userPolicy:UserPolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/groupPolicy:GroupPolicy": (i) => wildcardStatements(i["policy"]),
    "aws:iam/role:Role": (i) => asArray(i["inlinePolicies"]).map((p) => wildcardStatements(get(p, "policy"))).filter((m): m is string => m !== undefined),
    "azure-native:authorization:RoleDefinition": (i) => (asArray(i["permissions"]).some((p) => includesWildcard(get(p, "actions"))) ? `role definition allows action "*"` : undefined),
  }),
};

const awsAdminPolicies = /:policy\/(AdministratorAccess|IAMFullAccess|PowerUserAccess)$/;
const gcpPrimitiveRoles = ["roles/owner", "roles/editor", "roles/iam.securityAdmin"];
/** Built-in Azure role ids: Owner, Contributor, User Access Administrator. */
const azureAdminRoleIds = ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"];
const kubernetesAdminRoles = ["cluster-admin", "admin", "edit"];

const awsAttachment: TypeCheck = (i) => (awsAdminPolicies.test(String(i["policyArn"])) ? `attaches ${String(i["policyArn"])}` : undefined);
const gcpRole: TypeCheck = (i) => (gcpPrimitiveRoles.includes(String(i["role"])) ? `grants ${String(i["role"])}` : undefined);
const kubernetesBinding: TypeCheck = (i) => (kubernetesAdminRoles.includes(String(get(i, "roleRef.name"))) ? `binds the ${String(get(i, "roleRef.name"))} role` : undefined);

export const noPrivilegedRoles: Rule = {
  id: "no-privileged-roles",
  description: "Workloads and pipelines never get owner, admin or editor roles.",
  severity: "critical",
  remediation: "Replace the broad role with a narrow predefined role (or a custom one) covering what the identity does.",
  controls: controlSets.leastPrivilege,
  ...byType({
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": awsAttachment,
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": awsAttachment,
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": awsAttachment,
    "aws:iam/policyAttachment:PolicyAttachment": awsAttachment,
    "aws:iam/role:Role": (i) => asArray(i["managedPolicyArns"]).filter((arn) => awsAdminPolicies.test(String(arn))).map((arn) => `attaches ${String(arn)}`),
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

const githubIssuer = "token.actions.githubusercontent.com";
/** `repo:OWNER/REPO:environment:NAME`, with no wildcard anywhere. */
const pinnedSubject = /^repo:[^*?:\s]+\/[^*?:\s]+:environment:[^*?\s]+$/;

function awsTrustProblems(i: Readonly<Record<string, unknown>>): string[] {
  return policyStatements(i["assumeRolePolicy"])
    .filter((s) => asArray(get(s, "Principal.Federated")).some((p) => String(p).includes(githubIssuer)))
    .flatMap((s) => {
      const equals = asRecord(get(s, "Condition.StringEquals"));
      const subjects = asArray(equals[`${githubIssuer}:sub`]);
      const found: string[] = [];
      if (!asArray(equals[`${githubIssuer}:aud`]).includes("sts.amazonaws.com")) found.push(`GitHub trust does not require aud sts.amazonaws.com`);
      if (subjects.length === 0 || !subjects.every((sub) => pinnedSubject.test(String(sub)))) found.push(`GitHub trust does not pin sub to repo:OWNER/REPO:environment:NAME with StringEquals`);
      if (get(s, `Condition.StringLike.${githubIssuer}:sub`) !== undefined) found.push("GitHub trust matches sub with StringLike (wildcards)");
      return found;
    });
}

export const ciIdentityFederated: Rule = {
  id: "ci-identity-federated",
  description: "CI identities are federated through GitHub OIDC and pinned to one repository and environment.",
  severity: "critical",
  remediation: "AWS: trust token.actions.githubusercontent.com with StringEquals aud sts.amazonaws.com and sub repo:OWNER/REPO:environment:NAME. GCP: a WorkloadIdentityPoolProvider attributeCondition on assertion.repository and assertion.environment. Azure: a FederatedIdentityCredential with subject repo:OWNER/REPO:environment:NAME and audience api://AzureADTokenExchange.",
  controls: controlSets.credentials,
  ...byType({
    "aws:iam/role:Role": (i) => awsTrustProblems(i),
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (i) => {
      if (!String(get(i, "oidc.issuerUri") ?? "").includes(githubIssuer)) return undefined;
      const condition = String(i["attributeCondition"] ?? "");
      return condition.includes("assertion.repository") && /assertion\.(environment|sub)/.test(condition) ? undefined : "GitHub provider attributeCondition does not pin assertion.repository and the environment";
    },
    "azure-native:managedidentity:FederatedIdentityCredential": (i) => {
      if (!String(i["issuer"] ?? "").includes(githubIssuer)) return undefined;
      const found: string[] = [];
      if (!pinnedSubject.test(String(i["subject"] ?? ""))) found.push("subject is not repo:OWNER/REPO:environment:NAME");
      if (!asArray(i["audiences"]).includes("api://AzureADTokenExchange")) found.push("audiences do not include api://AzureADTokenExchange");
      return found;
    },
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
