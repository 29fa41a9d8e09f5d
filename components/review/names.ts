import { SpecError } from "../spec/load.ts";
import type { PlatformSpec } from "../spec/index.ts";

/**
 * The names a review environment is made of, written once: the program, the dev stack's namespace guard, the
 * review identity's policies and the review workflow all derive them from the pull request's number.
 */

/** Namespaces a review environment may have: `pr-<number>`, and nothing else. The admission policy uses this text. */
export const reviewNamespacePattern = "^pr-[0-9]+$";
/** The same set as EKS access scopes and IAM string patterns write it (a trailing wildcard). */
export const reviewNamespaceWildcard = "pr-*";
/**
 * The Kubernetes group the review identity is mapped to by its EKS access entry. The namespace guard's
 * ClusterRoleBinding and ValidatingAdmissionPolicy select this group; no other principal is in it.
 */
export const reviewKubernetesGroup = "stratum-review";
/** The dev stack's review namespace guard: its ValidatingAdmissionPolicy, and the prefix of its RBAC objects' names. */
export const reviewGuardName = "stratum-review-namespaces";

export function reviewNamespace(pullRequest: number): string {
  return `pr-${pullRequest}`;
}

/** The PostgreSQL schema of a review environment (`DATABASE_SCHEMA`): created by its migration Job, dropped at teardown. */
export function reviewDatabaseSchema(pullRequest: number): string {
  return `pr_${pullRequest}`;
}

/**
 * A public service's host in a review environment: `pr-<n>-` before the base host's first label
 * (`api.dev.acme.example.com` → `pr-12-api.dev.acme.example.com`), so it never takes the dev service's host and a
 * wildcard DNS record for the dev domain reaches it.
 */
export function reviewHost(pullRequest: number, host: string): string {
  return `${reviewNamespace(pullRequest)}-${host}`;
}

/**
 * Dev stacks are the bases of review environments: their cluster gets the namespace guard, their workload roles
 * admit `pr-*` namespaces, and they have a review identity. (The review workflow uses the first dev stack by name.)
 */
export function hostsReviewEnvironments(spec: PlatformSpec): boolean {
  return spec.environment === "dev" && spec.review.pullRequest === undefined;
}

/**
 * What a workload's migration command is given, last, at a review environment's teardown: drop the schema
 * `DATABASE_SCHEMA` names (never `public`) and exit. The examples' migrate commands implement it.
 */
export const dropSchemaFlag = "--drop-schema";

/** A review stack's own facts, or undefined for any other stack. */
export interface ReviewStack {
  readonly pullRequest: number;
  readonly baseStack: string;
  readonly namespace: string;
  readonly databaseSchema: string;
  /** The teardown update: migrations run with `--drop-schema`, just before `pulumi destroy`. */
  readonly teardown: boolean;
}

/**
 * The review facts of a spec, checked against the stack's name: a review stack is `pr-<pullRequest>` (also as
 * `org/project/pr-<n>`), never its own base. Bad input is a SpecError naming the key (exit 2).
 */
export function reviewStackOf(spec: PlatformSpec): ReviewStack | undefined {
  const { pullRequest, baseStack } = spec.review;
  if (pullRequest === undefined || baseStack === undefined) return undefined;
  const expected = reviewNamespace(pullRequest);
  const problems: string[] = [];
  if (spec.stack.split("/").pop() !== expected) {
    problems.push(`stratum:review.pullRequest: got ${pullRequest} in stack "${spec.stack}", expected the stack to be named "${expected}" (review stacks are pr-<pullRequest>)`);
  }
  if (baseStack.split("/").pop() === spec.stack.split("/").pop()) problems.push(`stratum:review.baseStack: got "${baseStack}", expected the dev stack this review stack runs in, not itself`);
  if (problems.length > 0) throw new SpecError(spec.stack, problems);
  return { pullRequest, baseStack, namespace: expected, databaseSchema: reviewDatabaseSchema(pullRequest), teardown: spec.review.teardown === true };
}
