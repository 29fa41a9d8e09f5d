import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/gcp/iam/index.js";
import type { DriverContext } from "../../capability.ts";
import { projectOf } from "./project.ts";
import { serviceAccountId } from "./service-account-id.ts";

export const githubIssuer = "https://token.actions.githubusercontent.com";
/** The provider id in every pool: one GitHub provider per pool. */
export const githubProviderId = "github";

/** GitHub's claims, mapped one to one: the condition and the principals are written in them. */
export const githubAttributeMapping = {
  "google.subject": "assertion.sub",
  "attribute.repository": "assertion.repository",
  "attribute.environment": "assertion.environment",
  "attribute.ref": "assertion.ref",
} as const;

/** What a pool's provider admits: exactly one repository and one subject (and the environment the subject names). */
export interface GithubTrust {
  readonly repository: string;
  /** `repo:OWNER/REPO:environment:NAME` or `repo:OWNER/REPO:ref:refs/heads/main`. */
  readonly subject: string;
  readonly environment?: string;
}

/** The provider's condition: a conjunction of exact comparisons (GitHub signs every owner's tokens with one issuer). */
export function githubCondition(trust: GithubTrust): string {
  const clauses = [`assertion.repository == '${trust.repository}'`, `assertion.sub == '${trust.subject}'`];
  if (trust.environment !== undefined) clauses.push(`assertion.environment == '${trust.environment}'`);
  return clauses.join(" && ");
}

export interface FederatedIdentity {
  readonly pool: iam.WorkloadIdentityPool;
  readonly provider: iam.WorkloadIdentityPoolProvider;
  /** `projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/github`: what the login action takes. */
  readonly providerName: pulumi.Output<string>;
  /** `principalSet://…/workloadIdentityPools/<pool>/*`: every token the provider admits, the member IAM grants name. */
  readonly principalSet: pulumi.Output<string>;
  /** `principal://…/subject/<subject>`: the Kubernetes user GKE authenticates the job as. */
  readonly subjectPrincipal: string;
}

/**
 * A workload identity pool of its own for one CI identity (`<prefix>-<suffix>`) with one GitHub OIDC provider,
 * direct federation (no service account to impersonate, no key): the provider's `attributeCondition` admits only
 * the repository's tokens with exactly this subject, and its audience is the provider's own name (what
 * google-github-actions/auth sends by default). Everything the identity may do is granted to the pool's
 * principal set, so the grants cover exactly the jobs the condition admits.
 */
export function federatedIdentity(ctx: DriverContext, suffix: string, description: string, trust: GithubTrust): FederatedIdentity {
  const { projectNumber } = projectOf(ctx);
  const opts = { parent: ctx.parent };
  // The pool id follows the service account id's rule (6–30 characters), inside the pools' 4–32.
  const poolId = serviceAccountId(ctx.name(suffix));
  const pool = new iam.WorkloadIdentityPool(ctx.name(`${suffix}-pool`), {
    workloadIdentityPoolId: poolId,
    displayName: poolId,
    description,
    disabled: false,
  }, opts);
  const poolPath = `projects/${projectNumber}/locations/global/workloadIdentityPools/${poolId}`;
  const provider = new iam.WorkloadIdentityPoolProvider(ctx.name(`${suffix}-github`), {
    workloadIdentityPoolId: pool.workloadIdentityPoolId,
    workloadIdentityPoolProviderId: githubProviderId,
    displayName: "GitHub Actions",
    description: `${trust.subject} only`,
    disabled: false,
    attributeMapping: { ...githubAttributeMapping },
    attributeCondition: githubCondition(trust),
    oidc: { issuerUri: githubIssuer, allowedAudiences: [`https://iam.googleapis.com/${poolPath}/providers/${githubProviderId}`] },
  }, opts);
  return {
    pool,
    provider,
    providerName: provider.name,
    principalSet: pulumi.interpolate`principalSet://iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${pool.workloadIdentityPoolId}/*`,
    subjectPrincipal: `principal://iam.googleapis.com/${poolPath}/subject/${trust.subject}`,
  };
}
