import { isWildcardOnlyAction, runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import type { PolicyJson } from "./plan-index.ts";

/**
 * The AWS IAM decision for one request, by @cloud-copilot/iam-simulate (AGPL-3.0: test tooling only, a
 * devDependency, never part of a deployed program). It evaluates Allow and Deny, wildcards in actions and ARNs,
 * conditions, identity and resource policies, and checks that the ARN is a resource type the action takes.
 */
export interface AccessRequest {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly identityPolicies: readonly { readonly name: string; readonly policy: PolicyJson }[];
  readonly resourcePolicy?: PolicyJson | undefined;
  readonly context: Readonly<Record<string, string | string[]>>;
}

export type Decision = { readonly decision: "allowed" } | { readonly decision: "denied"; readonly result: string } | { readonly decision: "invalid"; readonly error: string };

function simulation(request: AccessRequest): Simulation {
  return {
    request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: request.account }, contextVariables: { ...request.context } },
    identityPolicies: request.identityPolicies.map((p) => ({ name: p.name, policy: p.policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
  };
}

export async function decide(request: AccessRequest): Promise<Decision> {
  const response = await runSimulation(simulation(request), {});
  if (response.resultType === "error") return { decision: "invalid", error: JSON.stringify(response.errors) };
  return response.overallResult === "Allowed" ? { decision: "allowed" } : { decision: "denied", result: response.overallResult };
}

/** Actions that take no resource (`ecr:GetAuthorizationToken`): requested on `*`. */
export async function takesNoResource(action: string): Promise<boolean> {
  const [service = "", name = ""] = action.split(":");
  try {
    return await isWildcardOnlyAction(service, name);
  } catch {
    return false; // an unknown action: the simulation itself reports it
  }
}

export interface TrustRequest {
  readonly roleArn: string;
  readonly providerArn: string;
  readonly account: string;
  readonly trust: PolicyJson;
  /** The token's claims as STS exposes them: `<issuer>:aud`, `<issuer>:sub`. */
  readonly claims: Readonly<Record<string, string>>;
}

/**
 * Whether the role's trust policy lets this web identity token assume it. The simulator's action data lists
 * GitHub's claims except `aud` and `sub` (the two every trust pins), and its validated entry point drops context
 * keys it does not list; so the policy is validated there and decided by the unvalidated entry point, which reads
 * every key it is given.
 */
export async function decideTrust(request: TrustRequest): Promise<Decision> {
  const sim: Simulation = {
    request: { principal: request.providerArn, action: "sts:AssumeRoleWithWebIdentity", resource: { resource: request.roleArn, accountId: request.account }, contextVariables: { ...request.claims } },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.trust,
  };
  const validated = await runSimulation(sim, {});
  if (validated.resultType === "error") return { decision: "invalid", error: JSON.stringify(validated.errors) };
  // A pre-validated policy (the library's own ValidatedPolicy shape, plain data) carries the name its engine reports.
  const result = runUnsafeSimulation({ ...sim, resourcePolicy: { __validated: true, policyDocument: request.trust, metadata: { name: "trust" }, errors: [] } }, {});
  return result === "Allowed" ? { decision: "allowed" } : { decision: "denied", result: String(result) };
}
