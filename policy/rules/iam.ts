import { asArray, asRecord, get, policyStatements } from "../inputs.ts";
import { awsAdminPolicies, azurePrivilegedRole, gcpPrivilegedRoles, isBroadAzureScope } from "../properties/privileged-role.ts";
import { rbacWildcards, wildcardGrants, type PlainStatement, type RbacRule } from "../properties/wildcard-grant.ts";
import type { Rule } from "../rule.ts";
import { byType, problems, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";
import { forGcpIam, gcpIamTypes, type GcpIamScope } from "./gcp-iam.ts";

/** `*`, or every operation of a resource provider (`Microsoft.Storage/*`): Azure's form of a wildcard action. */
const includesWildcard = (value: unknown): boolean => asArray(value).some((v) => v === "*" || (typeof v === "string" && /^[^/*]+\/\*$/.test(v)));

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
    "azure-native:authorization:RoleDefinition": (i) =>
      problems(
        [asArray(i["permissions"]).some((p) => includesWildcard(get(p, "actions"))), `role definition allows every action ("*" or a whole provider) in actions`],
        [asArray(i["permissions"]).some((p) => includesWildcard(get(p, "dataActions"))), `role definition allows every data action ("*" or a whole provider) in dataActions`],
      ),
    "kubernetes:rbac.authorization.k8s.io/v1:Role": rbacRole,
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": rbacRole,
  }),
};

const kubernetesAdminRoles = ["cluster-admin", "admin", "edit"];

const awsAttachment: TypeCheck = (i) => (awsAdminPolicies.test(String(i["policyArn"])) ? `attaches ${String(i["policyArn"])}` : undefined);
const gcpRole: TypeCheck = (i) => (gcpPrivilegedRoles.includes(String(i["role"])) ? `grants ${String(i["role"])}` : undefined);
/** A basic role is as broad on one bucket as on the project: it is reported wherever it is granted. */
const everyGcpScope = Object.keys(gcpIamTypes) as GcpIamScope[];
/** Subjects that mean "anyone who can reach the API server", signed in or not. */
export const broadKubernetesSubjects = ["system:authenticated", "system:unauthenticated", "system:anonymous", "system:serviceaccounts"];
const kubernetesBinding: TypeCheck = (i) => {
  const role = String(get(i, "roleRef.name"));
  const broad = asArray(i["subjects"]).map((s) => String(get(s, "name"))).filter((name) => broadKubernetesSubjects.includes(name));
  return [...(kubernetesAdminRoles.includes(role) ? [`binds the ${role} role`] : []), ...broad.map((name) => `binds ${role} to ${name} (everyone who reaches the API server)`)];
};

export const noPrivilegedRoles: Rule = {
  id: "no-privileged-roles",
  description: "Workloads and pipelines never get owner, admin, editor, viewer or AWS-managed full-access roles, Azure roles are never assigned to a whole subscription, and nothing is bound to everyone.",
  severity: "critical",
  remediation: "Replace the broad role with a narrow predefined role (or a custom one) covering what the identity does: on GCP never roles/owner, roles/editor or roles/viewer; on Azure never Owner, Contributor, User Access Administrator or Role Based Access Control Administrator, and a scope naming the resource (or its resource group), not the subscription; bind Kubernetes roles to named users, groups or service accounts, never system:authenticated, system:anonymous or system:unauthenticated.",
  controls: controlSets.leastPrivilege,
  ...byType({
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": awsAttachment,
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": awsAttachment,
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": awsAttachment,
    "aws:iam/policyAttachment:PolicyAttachment": awsAttachment,
    "aws:iam/role:Role": (i) => asArray(i["managedPolicyArns"]).filter((arn) => awsAdminPolicies.test(String(arn))).map((arn) => `attaches ${String(arn)}`),
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": (i) => asArray(i["policyArns"]).filter((arn) => awsAdminPolicies.test(String(arn))).map((arn) => `attaches ${String(arn)}`),
    ...forGcpIam(everyGcpScope, gcpRole),
    "azure-native:authorization:RoleAssignment": (i) => {
      const role = azurePrivilegedRole(i["roleDefinitionId"]);
      return problems(
        [role !== undefined, `assigns the privileged built-in role ${role ?? ""}`],
        [isBroadAzureScope(i["scope"]), `assigns at subscription or management-group scope (scope ${JSON.stringify(i["scope"] ?? null)}); scope it to the resource`],
      );
    },
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": kubernetesBinding,
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": kubernetesBinding,
  }),
};

const longLived = (what: string): TypeCheck => () => `${what} is a long-lived credential; use workload identity federation instead`;

export const noLongLivedCredentials: Rule = {
  id: "no-long-lived-credentials",
  description: "No IAM user access keys, service-account keys, client secrets, shared keys, registry admin users, cluster local accounts or client certificates, or endpoint keys.",
  severity: "critical",
  remediation: "Delete the key or secret; workloads use the cluster's workload identity and CI uses OIDC federation. On Azure set allowSharedKeyAccess false on storage accounts, adminUserEnabled false on registries, disableLocalAccounts true with aadProfile.managed and enableAzureRBAC on AKS, and authMode AADToken (or AMLToken) on ML online endpoints. On GCP leave masterAuth.clientCertificateConfig.issueClientCertificate false on GKE.",
  controls: controlSets.credentials,
  ...byType({
    "aws:iam/accessKey:AccessKey": longLived("an IAM user access key"),
    "gcp:serviceaccount/key:Key": longLived("a service-account key"),
    "azuread:index/applicationPassword:ApplicationPassword": longLived("an application client secret"),
    "azuread:index/servicePrincipalPassword:ServicePrincipalPassword": longLived("a service principal client secret"),
    "azure-native:storage:StorageAccount": (i) => (i["allowSharedKeyAccess"] === false ? undefined : "allowSharedKeyAccess is not false (shared keys are long-lived credentials)"),
    "azure-native:containerregistry:Registry": (i) => (i["adminUserEnabled"] === true ? "adminUserEnabled is true (the admin user's password is a long-lived credential)" : undefined),
    // The local admin kubeconfig is a certificate nobody can revoke short of rotating the cluster's CA.
    "azure-native:containerservice:ManagedCluster": (i) =>
      problems(
        [i["disableLocalAccounts"] !== true, "local accounts are on (disableLocalAccounts is not true): the admin kubeconfig is a long-lived credential"],
        [get(i, "aadProfile.managed") !== true || get(i, "aadProfile.enableAzureRBAC") !== true, "cluster access is not through Entra ID with Azure RBAC (aadProfile.managed and aadProfile.enableAzureRBAC true)"],
        [i["enableRBAC"] === false, "Kubernetes RBAC is off (enableRBAC false)"],
      ),
    "gcp:container/cluster:Cluster": (i) => (get(i, "masterAuth.clientCertificateConfig.issueClientCertificate") === true ? "the cluster issues a client certificate (masterAuth.clientCertificateConfig.issueClientCertificate true), a long-lived credential" : undefined),
    "azure-native:machinelearningservices:OnlineEndpoint": (i) => (["AADToken", "AMLToken"].includes(String(get(i, "properties.authMode"))) ? undefined : `endpoint authMode "${String(get(i, "properties.authMode") ?? "unset")}" uses long-lived keys (expected AADToken or AMLToken)`),
  }),
};
