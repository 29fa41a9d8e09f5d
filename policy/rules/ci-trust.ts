import { asArray, asRecord, get, policyStatements, refersTo } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { attributeConditionProblems, githubIssuerHost as githubIssuer, isGithubIssuer, isPinnedSubject } from "../properties/github-subject.ts";
import { byType } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const azureTokenAudience = "api://AzureADTokenExchange";
/**
 * An AKS cluster's OIDC issuer (`https://REGION.oic.prod-aks.azure.com/TENANT/GUID/`): workload identity for pods.
 * The offline plan's placeholder has the same shape on the placeholder domain (lib/plan/placeholders.ts).
 */
const aksIssuer = /^https:\/\/[a-z0-9-]+\.oic\.prod-aks\.(?:azure\.com|offline\.invalid)\/[^\s*?]+$/;
/** A pod's exact service account, as AKS writes the token's subject. */
const serviceAccountSubject = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

/** Azure federated credentials: GitHub workflows pinned to an environment or branch, or pods of the stack's AKS cluster. */
function federatedCredentialProblems(i: Readonly<Record<string, unknown>>): string[] {
  const audiences = asArray(i["audiences"]);
  const found = audiences.length === 1 && audiences[0] === azureTokenAudience ? [] : [`audiences ${JSON.stringify(audiences)} are not exactly ["${azureTokenAudience}"]`];
  if (isGithubIssuer(i["issuer"])) {
    if (!isPinnedSubject(i["subject"])) found.push(`subject ${JSON.stringify(i["subject"] ?? null)} is not an exact repo:OWNER/REPO:environment:NAME (or :ref:refs/heads/BRANCH)`);
  } else if (typeof i["issuer"] === "string" && aksIssuer.test(i["issuer"])) {
    if (typeof i["subject"] !== "string" || !serviceAccountSubject.test(i["subject"])) found.push(`subject ${JSON.stringify(i["subject"] ?? null)} is not an exact system:serviceaccount:NAMESPACE:NAME`);
  } else {
    found.push(`issuer ${JSON.stringify(i["issuer"] ?? null)} is neither GitHub (https://${githubIssuer}) nor an AKS cluster's OIDC issuer`);
  }
  return found;
}
const providerType = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";

/** `https://token.actions.githubusercontent.com/` → `token.actions.githubusercontent.com`: the prefix of its condition keys. */
function issuerOf(url: unknown): string | undefined {
  return typeof url === "string" && url !== "" ? url.replace(/^https:\/\//, "").replace(/\/+$/, "") : undefined;
}

/**
 * The issuer a Federated principal trusts. The plan names the provider by reference (offline, a placeholder ARN
 * ending in the provider's logical name; under the CLI, its real ARN): follow it to the
 * `aws:iam/openIdConnectProvider` resource and read its `url`. A provider created outside the stack is only known
 * by its ARN, `arn:aws:iam::ACCOUNT:oidc-provider/ISSUER`.
 */
function trustedIssuer(federated: unknown, providers: readonly RuleResource[]): string | undefined {
  const provider = providers.find((p) => refersTo(federated, p));
  if (provider !== undefined) return issuerOf(provider.inputs["url"]);
  return typeof federated === "string" ? /:oidc-provider\/(.+)$/.exec(federated)?.[1] : undefined;
}

/** A condition block's value for a key, matched as IAM matches keys: whole and case-insensitively, never split on dots. */
function conditionValues(block: unknown, key: string): unknown[] | undefined {
  const entry = Object.entries(asRecord(block)).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return entry === undefined ? undefined : asArray(entry[1]);
}

function githubTrustProblems(statement: Record<string, unknown>, issuer: string): string[] {
  const condition = asRecord(statement["Condition"]);
  const found: string[] = [];
  for (const claim of ["sub", "aud"]) {
    const key = `${issuer}:${claim}`;
    // Any operator but exact equality widens the claim: StringLike, ForAnyValue:StringLike, StringEqualsIgnoreCase...
    const widened = Object.keys(condition).filter((op) => op !== "StringEquals" && conditionValues(condition[op], key) !== undefined);
    if (widened.length > 0) found.push(`GitHub trust matches ${claim} with ${widened.join(", ")} (wildcards or loose matching); use StringEquals`);
  }
  const subjects = conditionValues(condition["StringEquals"], `${issuer}:sub`) ?? [];
  const audiences = conditionValues(condition["StringEquals"], `${issuer}:aud`) ?? [];
  if (audiences.length === 0 || !audiences.every((a) => a === "sts.amazonaws.com")) found.push("GitHub trust does not require aud sts.amazonaws.com with StringEquals");
  if (subjects.length === 0) found.push("GitHub trust has no StringEquals condition on sub: any repository's workflow could assume the role");
  else {
    const loose = subjects.filter((sub) => !isPinnedSubject(sub));
    if (loose.length > 0) found.push(`GitHub trust sub ${loose.map((s) => JSON.stringify(s)).join(", ")} is not an exact repo:OWNER/REPO:environment:NAME (or :ref:refs/heads/BRANCH)`);
  }
  return found;
}

/** Every role trusting the GitHub OIDC issuer, judged by the provider its Federated principal names. */
function awsTrustFindings(resources: readonly RuleResource[]): StackFinding[] {
  const providers = resources.filter((r) => r.type === providerType);
  return resources
    .filter((r) => r.type === "aws:iam/role:Role")
    .flatMap((role) =>
      policyStatements(role.inputs["assumeRolePolicy"])
        .filter((s) => s["Effect"] === "Allow")
        .flatMap((s) => {
          const federated = asArray(get(s, "Principal.Federated"));
          const issuers = federated.map((f) => trustedIssuer(f, providers));
          // A condition keyed by the GitHub issuer also marks a GitHub trust whose provider the plan cannot resolve.
          const keyed = Object.values(asRecord(s["Condition"])).some((block) => Object.keys(asRecord(block)).some((k) => k.toLowerCase().startsWith(`${githubIssuer}:`)));
          const github = issuers.find((i) => i === githubIssuer) ?? (federated.length > 0 && keyed ? githubIssuer : undefined);
          return github === undefined ? [] : githubTrustProblems(s, github).map((message) => ({ urn: role.urn, message: `role ${role.name}: ${message}` }));
        }),
    );
}

export const ciIdentityFederated: Rule = {
  id: "ci-identity-federated",
  description: "CI identities are federated through GitHub OIDC and pinned to one repository and environment (or branch), by exact match.",
  severity: "critical",
  remediation: "AWS: trust the stack's GitHub OIDC provider with StringEquals aud sts.amazonaws.com and sub repo:OWNER/REPO:environment:NAME (never StringLike). GCP: a WorkloadIdentityPoolProvider attributeCondition \"assertion.repository == 'OWNER/REPO' && assertion.environment == 'NAME'\" (or assertion.ref), && only. Azure: a FederatedIdentityCredential with issuer https://token.actions.githubusercontent.com, subject repo:OWNER/REPO:environment:NAME and audiences exactly [api://AzureADTokenExchange] (pods: the AKS OIDC issuer and system:serviceaccount:NAMESPACE:NAME).",
  controls: controlSets.credentials,
  ...byType({
    // GitHub signs every owner's tokens with one issuer: only the condition keeps other repositories out.
    "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider": (i) =>
      isGithubIssuer(get(i, "oidc.issuerUri")) ? attributeConditionProblems(i["attributeCondition"], asRecord(i["attributeMapping"])).map((p) => `GitHub provider ${p}`) : undefined,
    "azure-native:managedidentity:FederatedIdentityCredential": (i) => federatedCredentialProblems(i),
  }),
  checkStack: (resources) => awsTrustFindings(resources),
};
