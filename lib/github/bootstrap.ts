import type { DesiredEnvironment, DesiredRepository, ReviewerRef } from "./bootstrap-config.ts";
import type { GithubClient } from "./client.ts";
import { githubCall } from "./errors.ts";
import type { RepositoryRef } from "./repository.ts";

/** One change bootstrap would make: a line for the plan and the call that makes it. */
export interface BootstrapChange {
  readonly summary: string;
  readonly apply: () => Promise<unknown>;
}

const admin = "administration: write";

function isStatus(error: unknown, status: number): boolean {
  return typeof error === "object" && error !== null && (error as { status?: unknown }).status === status;
}

/** A GET whose 404 means "not there yet" (the repository itself was already read, so it is not a missing repo). */
async function getOrAbsent<T>(ref: RepositoryRef, action: string, permission: string, fn: () => Promise<{ data: T }>): Promise<T | undefined> {
  try {
    return (await fn()).data;
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    return githubCall(ref, { action, permission }, () => Promise.reject(error));
  }
}

/**
 * Compares the repository with what the workflows need and returns only the changes needed, in the order they
 * must be made (an environment before its branch policy). Reads only: the dry run and `--apply` share it.
 */
export async function planBootstrap(octokit: GithubClient, ref: RepositoryRef, desired: DesiredRepository): Promise<BootstrapChange[]> {
  await githubCall(ref, { action: "read the repository", permission: "metadata: read" }, () => octokit.rest.repos.get({ ...ref }));
  const changes: BootstrapChange[] = [];
  for (const env of desired.environments) changes.push(...(await environmentChanges(octokit, ref, env)));
  changes.push(...(await rulesetChanges(octokit, ref, desired.ruleset)));
  changes.push(...(await variableChanges(octokit, ref, desired.variables)));
  return changes;
}

async function reviewerIds(octokit: GithubClient, ref: RepositoryRef, reviewers: readonly ReviewerRef[]) {
  const ids: { type: "User" | "Team"; id: number }[] = [];
  for (const r of reviewers) {
    if (r.kind === "user") {
      const { data } = await githubCall(ref, { action: `look up reviewer ${r.login}`, permission: "metadata: read (the user must exist)" }, () =>
        octokit.rest.users.getByUsername({ username: r.login }),
      );
      ids.push({ type: "User", id: data.id });
    } else {
      const { data } = await githubCall(ref, { action: `look up reviewer team ${r.org}/${r.slug}`, permission: "members: read (organization)" }, () =>
        octokit.rest.teams.getByName({ org: r.org, team_slug: r.slug }),
      );
      ids.push({ type: "Team", id: data.id });
    }
  }
  return ids;
}

function reviewerText(reviewers: readonly ReviewerRef[]): string {
  return reviewers.length === 0 ? "no reviewers" : `reviewers ${reviewers.map((r) => (r.kind === "user" ? r.login : `team ${r.org}/${r.slug}`)).join(", ")}`;
}

async function environmentChanges(octokit: GithubClient, ref: RepositoryRef, env: DesiredEnvironment): Promise<BootstrapChange[]> {
  const wanted = await reviewerIds(octokit, ref, env.reviewers);
  const current = await getOrAbsent(ref, `read environment ${env.name}`, admin, () => octokit.rest.repos.getEnvironment({ ...ref, environment_name: env.name }));
  const changes: BootstrapChange[] = [];
  const currentReviewers = (current?.protection_rules ?? []).flatMap((rule) =>
    "reviewers" in rule && Array.isArray(rule.reviewers) ? rule.reviewers.map((r) => `${r.type}:${(r.reviewer as { id?: number } | undefined)?.id}`) : [],
  );
  const sameReviewers = sameSet(currentReviewers, wanted.map((r) => `${r.type}:${r.id}`));
  const policy = current?.deployment_branch_policy;
  // No `branches`: no deployment branch policy at all, so pull-request refs can use the environment.
  const branchPolicyOk = env.branches ? policy?.custom_branch_policies === true && policy.protected_branches === false : !policy;
  if (!current || !sameReviewers || !branchPolicyOk) {
    const verb = current ? "update" : "create";
    const where = env.branches ? `deployments only from ${env.branches.join(", ")}` : "any branch";
    changes.push({
      summary: `${current ? "~" : "+"} ${verb} environment ${env.name}: ${reviewerText(env.reviewers)}; ${where}`,
      apply: () =>
        githubCall(ref, { action: `${verb} environment ${env.name}`, permission: admin }, () =>
          octokit.rest.repos.createOrUpdateEnvironment({
            ...ref,
            environment_name: env.name,
            reviewers: wanted,
            deployment_branch_policy: env.branches ? { protected_branches: false, custom_branch_policies: true } : null,
          }),
        ),
    });
  }
  if (!env.branches) return changes;
  const existing = current
    ? ((await getOrAbsent(ref, `list deployment branches of ${env.name}`, admin, () =>
        octokit.rest.repos.listDeploymentBranchPolicies({ ...ref, environment_name: env.name, per_page: 100 }),
      ))?.branch_policies ?? [])
    : [];
  for (const branch of env.branches) {
    if (existing.some((p) => p.name === branch && (p.type ?? "branch") === "branch")) continue;
    changes.push({
      summary: `+ allow branch ${branch} to deploy to ${env.name}`,
      apply: () =>
        githubCall(ref, { action: `add deployment branch ${branch} to ${env.name}`, permission: admin }, () =>
          octokit.rest.repos.createDeploymentBranchPolicy({ ...ref, environment_name: env.name, name: branch, type: "branch" }),
        ),
    });
  }
  return changes;
}

async function rulesetChanges(octokit: GithubClient, ref: RepositoryRef, desired: DesiredRepository["ruleset"]): Promise<BootstrapChange[]> {
  const list = await githubCall(ref, { action: "list rulesets", permission: admin }, () =>
    octokit.rest.repos.getRepoRulesets({ ...ref, includes_parents: false, per_page: 100 }),
  );
  const found = list.data.find((r) => r.name === desired.name);
  const body = {
    name: desired.name,
    target: "branch" as const,
    enforcement: "active" as const,
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    rules: [
      {
        type: "required_status_checks" as const,
        parameters: { required_status_checks: desired.checks.map((context) => ({ context })), strict_required_status_checks_policy: false },
      },
    ],
  };
  const summary = `ruleset ${desired.name} on the default branch requiring ${desired.checks.join(", ")}`;
  if (!found) {
    return [{ summary: `+ create ${summary}`, apply: () => githubCall(ref, { action: `create ruleset ${desired.name}`, permission: admin }, () => octokit.rest.repos.createRepoRuleset({ ...ref, ...body })) }];
  }
  const { data: current } = await githubCall(ref, { action: `read ruleset ${desired.name}`, permission: admin }, () =>
    octokit.rest.repos.getRepoRuleset({ ...ref, ruleset_id: found.id }),
  );
  const checks = (current.rules ?? []).flatMap((r) => (r.type === "required_status_checks" ? r.parameters?.required_status_checks.map((c) => c.context) ?? [] : []));
  const include = (current.conditions as { ref_name?: { include?: string[] } } | null)?.ref_name?.include ?? [];
  const matches = current.enforcement === "active" && sameSet(checks, desired.checks) && sameSet(include, ["~DEFAULT_BRANCH"]) && (current.rules ?? []).length === 1;
  if (matches) return [];
  return [{ summary: `~ update ${summary}`, apply: () => githubCall(ref, { action: `update ruleset ${desired.name}`, permission: admin }, () => octokit.rest.repos.updateRepoRuleset({ ...ref, ruleset_id: found.id, ...body })) }];
}

async function variableChanges(octokit: GithubClient, ref: RepositoryRef, variables: Readonly<Record<string, string>>): Promise<BootstrapChange[]> {
  const permission = "variables: write";
  const changes: BootstrapChange[] = [];
  for (const [name, value] of Object.entries(variables)) {
    const current = await getOrAbsent(ref, `read Actions variable ${name}`, permission, () => octokit.rest.actions.getRepoVariable({ ...ref, name }));
    if (current?.value === value) continue;
    changes.push(
      current
        ? { summary: `~ update variable ${name}: ${current.value} -> ${value}`, apply: () => githubCall(ref, { action: `update Actions variable ${name}`, permission }, () => octokit.rest.actions.updateRepoVariable({ ...ref, name, value })) }
        : { summary: `+ create variable ${name} = ${value}`, apply: () => githubCall(ref, { action: `create Actions variable ${name}`, permission }, () => octokit.rest.actions.createRepoVariable({ ...ref, name, value })) },
    );
  }
  return changes;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}
