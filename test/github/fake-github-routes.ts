/** The fake GitHub's in-memory state and one handler per operation stratum calls, keyed by operationId. */

export interface Comment { id: number; issue: number; body: string }
export interface Environment { reviewers: { type: "User" | "Team"; id: number }[]; branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null; branches: { id: number; name: string; type: "branch" }[] }
export interface Ruleset { id: number; name: string; target: string; enforcement: string; conditions: unknown; rules: unknown[]; bypass_actors: unknown[] }
export interface Issue { number: number; title: string; body: string; state: "open" | "closed"; labels: string[] }

export interface FakeState {
  nextId: number;
  comments: Comment[];
  environments: Map<string, Environment>;
  users: Map<string, number>;
  teams: Map<string, number>;
  rulesets: Ruleset[];
  variables: Map<string, string>;
  /** `head`: the pull request's head commit and the repository it is in (a fork's, or this one). */
  pulls: Map<number, { state: "open" | "closed"; merged: boolean; head?: { sha: string; repo: string } }>;
  issues: Issue[];
}

export function newState(): FakeState {
  return {
    nextId: 1000,
    comments: [],
    environments: new Map(),
    users: new Map([["alice", 11], ["bob", 12]]),
    teams: new Map([["acme/platform-admins", 21]]),
    rulesets: [],
    variables: new Map(),
    pulls: new Map(),
    issues: [],
  };
}

export interface Reply { status: number; body?: unknown; headers?: Record<string, string> }
export interface Context { state: FakeState; params: Record<string, string>; query: Record<string, string>; body: Record<string, unknown>; baseUrl: string }

const notFound: Reply = { status: 404, body: { message: "Not Found" } };
const user = { login: "stratum-bot", id: 99, type: "Bot" };
const repoUrl = "https://github.test/acme/platform";

function commentJson(c: Comment) {
  return { id: c.id, body: c.body, html_url: `${repoUrl}/pull/${c.issue}#issuecomment-${c.id}`, user, author_association: "NONE" };
}

function issueJson(i: Issue) {
  return { number: i.number, id: i.number, title: i.title, body: i.body, state: i.state, labels: i.labels.map((name) => ({ name })), html_url: `${repoUrl}/issues/${i.number}`, user, author_association: "NONE" };
}

/** GitHub's page/per_page pagination with a Link header, so octokit.paginate walks pages as it does against GitHub. */
function page<T>(ctx: Context, items: T[], path: string): Reply {
  const perPage = Number(ctx.query.per_page ?? 30);
  const current = Number(ctx.query.page ?? 1);
  const slice = items.slice((current - 1) * perPage, current * perPage);
  const headers: Record<string, string> = {};
  if (current * perPage < items.length) headers.link = `<${ctx.baseUrl}${path}?per_page=${perPage}&page=${current + 1}>; rel="next"`;
  return { status: 200, body: slice, headers };
}

function environmentJson(state: FakeState, name: string, env: Environment) {
  const login = (id: number) => [...state.users].find(([, v]) => v === id)?.[0] ?? "unknown";
  const rules = [
    ...(env.reviewers.length > 0 ? [{ id: 1, node_id: "x", type: "required_reviewers", reviewers: env.reviewers.map((r) => ({ type: r.type, reviewer: r.type === "User" ? { ...user, login: login(r.id), id: r.id, type: "User" } : { id: r.id, slug: "platform-admins", name: "platform-admins" } })) }] : []),
    ...(env.branchPolicy ? [{ id: 2, node_id: "y", type: "branch_policy" }] : []),
  ];
  return { id: 1, node_id: "e", name, url: `${repoUrl}/environments/${name}`, html_url: `${repoUrl}/deployments/${name}`, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z", protection_rules: rules, deployment_branch_policy: env.branchPolicy };
}

export const routes: Record<string, (ctx: Context) => Reply> = {
  "issues/list-comments": (ctx) => page(ctx, ctx.state.comments.filter((c) => c.issue === Number(ctx.params.issue_number)).map(commentJson), `/repos/acme/platform/issues/${ctx.params.issue_number}/comments`),
  "issues/create-comment": (ctx) => {
    const c = { id: ctx.state.nextId++, issue: Number(ctx.params.issue_number), body: String(ctx.body.body) };
    ctx.state.comments.push(c);
    return { status: 201, body: commentJson(c) };
  },
  "issues/update-comment": (ctx) => {
    const c = ctx.state.comments.find((x) => x.id === Number(ctx.params.comment_id));
    if (!c) return notFound;
    c.body = String(ctx.body.body);
    return { status: 200, body: commentJson(c) };
  },
  "issues/delete-comment": (ctx) => {
    ctx.state.comments = ctx.state.comments.filter((x) => x.id !== Number(ctx.params.comment_id));
    return { status: 204 };
  },
  "repos/get": () => ({ status: 200, body: { id: 1, name: "platform", full_name: "acme/platform", default_branch: "main", owner: user, html_url: repoUrl } }),
  "users/get-by-username": (ctx) => {
    const id = ctx.state.users.get(ctx.params.username ?? "");
    return id === undefined ? notFound : { status: 200, body: { ...user, login: ctx.params.username, id, type: "User" } };
  },
  "teams/get-by-name": (ctx) => {
    const id = ctx.state.teams.get(`${ctx.params.org}/${ctx.params.team_slug}`);
    return id === undefined ? notFound : { status: 200, body: { id, slug: ctx.params.team_slug, name: ctx.params.team_slug, organization: { login: ctx.params.org } } };
  },
  "repos/get-environment": (ctx) => {
    const env = ctx.state.environments.get(ctx.params.environment_name ?? "");
    return env ? { status: 200, body: environmentJson(ctx.state, ctx.params.environment_name ?? "", env) } : notFound;
  },
  "repos/create-or-update-environment": (ctx) => {
    const name = ctx.params.environment_name ?? "";
    const previous = ctx.state.environments.get(name);
    const env: Environment = {
      reviewers: ((ctx.body?.reviewers ?? []) as Environment["reviewers"]).map((r) => ({ type: r.type, id: r.id })),
      branchPolicy: (ctx.body?.deployment_branch_policy ?? null) as Environment["branchPolicy"],
      branches: previous?.branches ?? [],
    };
    ctx.state.environments.set(name, env);
    return { status: 200, body: environmentJson(ctx.state, name, env) };
  },
  "repos/list-deployment-branch-policies": (ctx) => {
    const env = ctx.state.environments.get(ctx.params.environment_name ?? "");
    if (!env) return notFound;
    return { status: 200, body: { total_count: env.branches.length, branch_policies: env.branches.map((b) => ({ ...b, node_id: "b" })) } };
  },
  "repos/create-deployment-branch-policy": (ctx) => {
    const env = ctx.state.environments.get(ctx.params.environment_name ?? "");
    if (!env) return notFound;
    const policy = { id: ctx.state.nextId++, name: String(ctx.body.name), type: "branch" as const };
    env.branches.push(policy);
    return { status: 200, body: { ...policy, node_id: "b" } };
  },
  "repos/get-repo-rulesets": (ctx) => ({ status: 200, body: ctx.state.rulesets.map((r) => rulesetJson(r)) }),
  "repos/get-repo-ruleset": (ctx) => {
    const r = ctx.state.rulesets.find((x) => x.id === Number(ctx.params.ruleset_id));
    return r ? { status: 200, body: rulesetJson(r) } : notFound;
  },
  "repos/create-repo-ruleset": (ctx) => {
    const r = { id: ctx.state.nextId++, target: "branch", conditions: null, rules: [], bypass_actors: [], ...ctx.body } as unknown as Ruleset;
    ctx.state.rulesets.push(r);
    return { status: 201, body: rulesetJson(r) };
  },
  "repos/update-repo-ruleset": (ctx) => {
    const r = ctx.state.rulesets.find((x) => x.id === Number(ctx.params.ruleset_id));
    if (!r) return notFound;
    Object.assign(r, ctx.body);
    return { status: 200, body: rulesetJson(r) };
  },
  "actions/get-repo-variable": (ctx) => {
    const value = ctx.state.variables.get(ctx.params.name ?? "");
    return value === undefined ? notFound : { status: 200, body: { name: ctx.params.name, value, created_at: "2026-01-01T00:00:00Z", updated_at: "2026-01-01T00:00:00Z" } };
  },
  "actions/create-repo-variable": (ctx) => {
    ctx.state.variables.set(String(ctx.body.name), String(ctx.body.value));
    return { status: 201, body: {} };
  },
  "actions/update-repo-variable": (ctx) => {
    if (!ctx.state.variables.has(ctx.params.name ?? "")) return notFound;
    ctx.state.variables.set(ctx.params.name ?? "", String(ctx.body.value));
    return { status: 204 };
  },
  "pulls/get": (ctx) => {
    const pr = ctx.state.pulls.get(Number(ctx.params.pull_number));
    const head = pr?.head ? { head: { sha: pr.head.sha, ref: "topic", label: "topic", user, repo: { full_name: pr.head.repo, name: pr.head.repo.split("/")[1] } } } : {};
    return pr ? { status: 200, body: { number: Number(ctx.params.pull_number), state: pr.state, merged: pr.merged, title: "pr", user, ...head } } : notFound;
  },
  "issues/list-for-repo": (ctx) => {
    const labels = (ctx.query.labels ?? "").split(",").filter(Boolean);
    const state = ctx.query.state ?? "open";
    const items = ctx.state.issues.filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)));
    return page(ctx, items.map(issueJson), "/repos/acme/platform/issues");
  },
  "issues/create": (ctx) => {
    const i: Issue = { number: ctx.state.nextId++, title: String(ctx.body.title), body: String(ctx.body.body ?? ""), state: "open", labels: ((ctx.body.labels ?? []) as string[]).map(String) };
    ctx.state.issues.push(i);
    return { status: 201, body: issueJson(i) };
  },
  "issues/update": (ctx) => {
    const i = ctx.state.issues.find((x) => x.number === Number(ctx.params.issue_number));
    if (!i) return notFound;
    if (typeof ctx.body.body === "string") i.body = ctx.body.body;
    if (ctx.body.state === "open" || ctx.body.state === "closed") i.state = ctx.body.state;
    return { status: 200, body: issueJson(i) };
  },
};

function rulesetJson(r: Ruleset) {
  return { id: r.id, name: r.name, target: r.target, source: "acme/platform", source_type: "Repository", enforcement: r.enforcement, conditions: r.conditions, rules: r.rules, bypass_actors: r.bypass_actors };
}
