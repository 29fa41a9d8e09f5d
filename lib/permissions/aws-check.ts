import type { PlanReport } from "../plan/model.ts";
import { identityValue, type CheckedIdentity, type CloudChecker } from "./cloud-check.ts";
import { evaluateAccess, why, type Identity } from "./evaluate-access.ts";
import type { CloudLogin, OidcToken } from "./job-identity.ts";
import { PlanIndex } from "./plan-index.ts";
import { decideTrust } from "./simulate.ts";

/**
 * AWS: the `<kind>Identity` output names an IAM role of the plan; the job's OIDC subjects are decided against the
 * role's trust policy, and each declared action by @cloud-copilot/iam-simulate with the role's policies and the
 * resource's own policy (evaluate-access.ts).
 */
export function awsChecker(plan: PlanReport): CloudChecker {
  const index = new PlanIndex(plan);
  return {
    plan,
    loginAction: "sts:AssumeRoleWithWebIdentity",
    identity(login) {
      const named = identityValue(plan, login);
      if ("reason" in named) return named;
      const { output, value: roleArn } = named;
      const role = index.rolePolicies(roleArn);
      if (!role) return { resource: roleArn, identity: login.variable, reason: `cannot be assumed: ${output} of ${login.stack} names no IAM role in the plan` };
      return awsIdentity({ login, index, roleArn, role });
    },
  };
}

function awsIdentity(identity: Identity): CheckedIdentity {
  return {
    login: identity.login as CloudLogin,
    name: identity.roleArn,
    resource: identity.roleArn,
    trust: (tokens) => trustReasons(tokens, identity),
    evaluate: (access, request) => evaluateAccess(identity, access, request),
  };
}

async function trustReasons(tokens: readonly OidcToken[], identity: Identity): Promise<string[]> {
  if (!identity.role.trust) return ["is denied: the role has no trust policy in the plan"];
  const providers = identity.index.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").filter((p) => p.resource.inputs["url"] === "https://token.actions.githubusercontent.com");
  if (providers.length !== 1) return [`is denied: the plan has ${providers.length} GitHub OIDC providers, not one`];
  const reasons: string[] = [];
  for (const sub of new Set(tokens.map((t) => t.sub))) {
    const claims = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": sub };
    const decision = await decideTrust({ roleArn: identity.roleArn, providerArn: providers[0]!.arn, account: identity.index.account, trust: identity.role.trust, claims });
    if (decision.decision !== "allowed") reasons.push(`${why(decision)} by the trust policy for the OIDC subject ${sub}`);
  }
  return reasons;
}
