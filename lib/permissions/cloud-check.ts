import type { PlanReport } from "../plan/model.ts";
import type { CloudAccess } from "../../workflows/model.ts";
import type { Outcome, StepRequest } from "./evaluate-access.ts";
import { identityOutput, type CloudLogin, type OidcToken } from "./job-identity.ts";

/**
 * What the permission check asks of one cloud, for one stack's plan: the identity a login names, whether the
 * job's tokens may log in as it, and whether it may do what a step declares. Each cloud answers from its own
 * plan resources (aws-check.ts, gcp-check.ts, azure-check.ts); check.ts walks the workflows once for all.
 */
export interface CloudChecker {
  readonly plan: PlanReport;
  /** What a login is reported as: `sts:AssumeRoleWithWebIdentity`, `workload identity federation`, ... */
  readonly loginAction: string;
  identity(login: CloudLogin): CheckedIdentity | LoginRefused;
}

export interface LoginRefused {
  readonly resource: string;
  readonly identity: string;
  readonly reason: string;
}

export interface CheckedIdentity {
  readonly login: CloudLogin;
  /** What findings and allowed requests name as the identity: a role's ARN, a pool's principal set, an identity's resource id. */
  readonly name: string;
  /** What the login is a request on: the role, the workload identity provider, the user-assigned identity. */
  readonly resource: string;
  /** Why each token the job may get cannot log in as the identity; empty when every one can. */
  trust(tokens: readonly OidcToken[]): Promise<string[]>;
  evaluate(access: CloudAccess, request: StepRequest): Promise<{ outcomes: Outcome[]; unevaluated: boolean }>;
}

/** `*` matches any run of characters; case is ignored (Azure's actions and ids are case-insensitive). */
export function wildcardMatch(pattern: string, value: string): boolean {
  const regex = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&")).join(".*");
  return new RegExp(`^${regex}$`, "i").test(value);
}

type OutputResource = Exclude<CloudAccess["resource"], string>;

/** The identifier a declared entry's stack output holds (`output`, then `key` inside a map output), or why there is none. */
export function outputValue(plan: PlanReport, resource: OutputResource): { value: string; named: string } | { problem: string } {
  const { output, key } = resource;
  const outer = plan.outputs[output];
  const value = key === undefined ? outer : (outer as Record<string, unknown> | undefined)?.[key];
  const named = `${output}${key !== undefined ? `.${key}` : ""}`;
  if (typeof value !== "string") return { problem: `cannot be evaluated: the stack output ${named} is ${value === undefined ? "not exported" : "not a string"} in the ${plan.stack} plan` };
  return { value, named };
}

/** The value of the `<kind>Identity` output a login's variable stands for, or why the stack has none. */
export function identityValue(plan: PlanReport, login: CloudLogin): { output: string; value: string } | LoginRefused {
  const output = identityOutput(login.kind);
  const value = plan.outputs[output];
  if (typeof value !== "string") return { resource: output, identity: login.variable, reason: `cannot be assumed: stack ${login.stack} exports no ${output} (the variable ${login.variable})` };
  return { output, value };
}
