import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { githubEnvironments } from "../../components/github-environments.ts";
import { accountOutputs, accountVariable, deployIdentityVariable, previewIdentityVariable, publishIdentityVariable, registryHostVariable, registryUrlsVariable, repositoryVariables, reviewIdentityVariable } from "../../workflows/variables.ts";
import { UserInputError } from "../cli/errors.ts";
import { isJsonObject, parseJson } from "../fs/read-input.ts";
import { requiredCheckNames } from "./required-checks.ts";

/** A reviewer as written in flags or config: `alice` (a user) or `team:acme/platform-admins`. */
export type ReviewerRef = { readonly kind: "user"; readonly login: string } | { readonly kind: "team"; readonly org: string; readonly slug: string };

export interface DesiredEnvironment {
  readonly name: string;
  readonly reviewers: readonly ReviewerRef[];
  /**
   * Branches allowed to deploy to the environment; absent for no deployment branch policy at all (any ref,
   * pull-request refs included, may use it).
   */
  readonly branches?: readonly string[];
}

/** What the generated workflows need from the repository. */
export interface DesiredRepository {
  readonly environments: readonly DesiredEnvironment[];
  readonly ruleset: { readonly name: string; readonly checks: readonly string[] };
  readonly variables: Readonly<Record<string, string>>;
}

const configSchema = z
  .object({
    environments: z.record(z.string(), z.object({ reviewers: z.array(z.string()).default([]), branches: z.array(z.string()).optional() }).strict()).optional(),
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict();

export interface BootstrapInputs {
  /** `--config FILE` contents (YAML), if given. */
  readonly config?: { readonly file: string; readonly text: string };
  /** `--reviewers`: production's reviewers, overriding the config's. */
  readonly reviewers?: string;
  /** `--staging-reviewers`: staging's reviewers, overriding the config's. */
  readonly stagingReviewers?: string;
  /** `--outputs STACK=FILE`: `pulumi stack output --json` of each deployable stack. */
  readonly outputs: readonly { readonly stack: string; readonly file: string; readonly text: string }[];
  /** `--variable NAME=VALUE`. */
  readonly variables: readonly string[];
  readonly branch?: string;
}

/**
 * The environments the generated workflows name (see `components/github-environments.ts`); config may add more.
 * Deploy environments only take deployments from the default branch; `preview` and `review` are used by
 * pull-request jobs, so a branch policy (or reviewers) there would block every preview and review environment.
 */
const deployEnvironments: readonly string[] = [githubEnvironments.staging, githubEnvironments.production];
const pullRequestEnvironments: readonly string[] = [githubEnvironments.preview, githubEnvironments.review];

export function desiredRepository(inputs: BootstrapInputs): DesiredRepository {
  const config = inputs.config ? readConfig(inputs.config.file, inputs.config.text) : {};
  const branch = inputs.branch ?? "main";
  const names = [...new Set([...deployEnvironments, ...pullRequestEnvironments, ...Object.keys(config.environments ?? {})])];
  const environments = names.map((name): DesiredEnvironment => {
    const written = config.environments?.[name];
    if (pullRequestEnvironments.includes(name)) {
      if (written && (written.reviewers.length > 0 || written.branches !== undefined)) {
        throw new UserInputError(`${inputs.config?.file}: environments.${name}: pull-request jobs run in ${name}, so it takes no reviewers and no branches`);
      }
      return { name, reviewers: [] };
    }
    const flag = name === githubEnvironments.production ? inputs.reviewers : name === githubEnvironments.staging ? inputs.stagingReviewers : undefined;
    const reviewers = flag !== undefined ? flag.split(",").map((r) => r.trim()).filter(Boolean) : (written?.reviewers ?? []);
    const where = flag !== undefined ? (name === githubEnvironments.production ? "--reviewers" : "--staging-reviewers") : `${inputs.config?.file}: environments.${name}.reviewers`;
    return { name, reviewers: reviewers.map((r) => parseReviewer(where, r)), branches: written?.branches ?? [branch] };
  });
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.variables ?? {})) variables[name] = String(value);
  const setBy = new Map<string, string>();
  for (const o of inputs.outputs) {
    for (const [name, value] of Object.entries(oidcVariables(o.stack, o.file, o.text))) {
      // A repository-wide variable (AWS_REGION) is shared by every stack's login: two stacks that disagree would
      // leave one of them logging in to the other's region.
      if (setBy.has(name) && variables[name] !== value) {
        throw new UserInputError(`--outputs ${o.file}: ${name}: got "${value}", but --outputs ${setBy.get(name)} gives "${variables[name]}"; every stack's login reads this one repository variable, so the stacks must agree`);
      }
      setBy.set(name, o.file);
      variables[name] = value;
    }
  }
  for (const pair of inputs.variables) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (!match) throw new UserInputError(`--variable: got "${pair}", expected NAME=VALUE`);
    variables[match[1] as string] = match[2] as string;
  }
  for (const [name, value] of Object.entries(variables)) {
    if (/^GITHUB_/i.test(name)) throw new UserInputError(`variable ${name}: names starting with GITHUB_ are reserved by GitHub`);
    if (value === "") throw new UserInputError(`variable ${name}: empty value; GitHub does not store empty variables`);
  }
  return { environments, ruleset: { name: "stratum-ci", checks: requiredCheckNames() }, variables };
}

function readConfig(file: string, text: string): z.infer<typeof configSchema> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UserInputError(`${file}: not YAML (${(error as Error).message})`);
  }
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new UserInputError(parsed.error.issues.map((i) => `${file}: ${i.path.join(".") || "(top level)"}: ${i.message}`));
  }
  return parsed.data;
}

export function parseReviewer(where: string, text: string): ReviewerRef {
  const team = /^team:([\w.-]+)\/([\w.-]+)$/.exec(text);
  if (team) return { kind: "team", org: team[1] as string, slug: team[2] as string };
  if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(text)) return { kind: "user", login: text };
  throw new UserInputError(`${where}: got "${text}", expected a GitHub login or team:ORG/TEAM-SLUG`);
}

/**
 * Actions variables from one stack's outputs: its three identities (role ARN, workload identity provider or client
 * id, per cloud) under the stack's own name — `deployIdentity` for deploy jobs, the read-only `previewIdentity` for
 * preview and drift jobs, `publishIdentity` for the job that pushes images to the stack's registry, and for a dev
 * stack `reviewIdentity` for review environments — the registry the publish job copies to (`registryHost`,
 * `registryUrls`: it cannot read the stack's state), and the cloud-wide identifiers the login actions also take:
 * the AWS region (shared), a GCP stack's project, an Azure stack's tenant and subscription (each the stack's own).
 */
export function oidcVariables(stack: string, file: string, text: string): Record<string, string> {
  const outputs = parseJson(text, `--outputs ${file}`, "`pulumi stack output --json` output");
  const o: Record<string, unknown> = isJsonObject(outputs) ? outputs : {};
  const missing = ["deployIdentity", "previewIdentity", "publishIdentity"].filter((name) => typeof o[name] !== "string" || o[name] === "");
  if (missing.length > 0) {
    throw new UserInputError(`--outputs ${file}: no ${missing.map((m) => `"${m}"`).join(" or ")} string output; the stack must export all three of its CI identities`);
  }
  // A dev stack is the base of review environments: the review workflow logs in as its review identity.
  if (o.environment === "dev" && (typeof o.reviewIdentity !== "string" || o.reviewIdentity === "")) {
    throw new UserInputError(`--outputs ${file}: no "reviewIdentity" string output; a dev stack (environment "dev") exports the identity review environments are created with`);
  }
  const variables: Record<string, string> = {
    [deployIdentityVariable(stack)]: o.deployIdentity as string,
    [previewIdentityVariable(stack)]: o.previewIdentity as string,
    ...(typeof o.reviewIdentity === "string" && o.reviewIdentity !== "" ? { [reviewIdentityVariable(stack)]: o.reviewIdentity } : {}),
    [publishIdentityVariable(stack)]: o.publishIdentity as string,
  };
  if (typeof o.registryHost === "string" && o.registryHost !== "") variables[registryHostVariable(stack)] = o.registryHost;
  if (o.registryUrls !== undefined) {
    const urls = o.registryUrls;
    if (!isJsonObject(urls) || Object.values(urls).some((u) => typeof u !== "string")) {
      throw new UserInputError(`--outputs ${file}: registryUrls: got ${JSON.stringify(urls)}, expected an object of workload name to repository URL`);
    }
    variables[registryUrlsVariable(stack)] = JSON.stringify(urls);
  }
  if (typeof o.region === "string" && o.cloud === "aws") variables[repositoryVariables.awsRegion] = o.region;
  if (o.cloud === "gcp" || o.cloud === "azure") Object.assign(variables, cloudAccountVariables(stack, file, o.cloud, o));
  return variables;
}

/** What a GCP or Azure stack's identities and account outputs look like; a value of another shape is refused. */
const accountShapes = {
  gcp: {
    // The provider's full resource name, as google-github-actions/auth takes it (the project by number).
    identity: { pattern: /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[a-z0-9-]{4,32}\/providers\/[a-z0-9-]{4,32}$/, expected: "projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider>" },
    projectId: { pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, expected: "a GCP project id (6-30 lower-case letters, digits and hyphens)" },
  },
  azure: {
    identity: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, expected: "the client id (a GUID) of a user-assigned identity with a federated credential" },
    tenantId: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, expected: "the Entra ID tenant id (a GUID)" },
    subscriptionId: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, expected: "the subscription id (a GUID)" },
  },
} as const;

/**
 * A GCP or Azure stack's account variables (its project; its tenant and subscription), one set per stack since
 * stacks may live in different projects or subscriptions, after checking its identities are of the shape its
 * cloud's login action takes.
 */
function cloudAccountVariables(stack: string, file: string, cloud: "gcp" | "azure", o: Record<string, unknown>): Record<string, string> {
  const shapes = accountShapes[cloud];
  const problems: string[] = [];
  for (const name of ["deployIdentity", "previewIdentity", "publishIdentity"]) {
    if (!shapes.identity.pattern.test(String(o[name]))) problems.push(`--outputs ${file}: ${name}: got ${JSON.stringify(o[name])}, expected ${shapes.identity.expected} (stack ${stack} is on ${cloud})`);
  }
  const variables: Record<string, string> = {};
  for (const output of accountOutputs[cloud]) {
    const shape = (shapes as Record<string, { pattern: RegExp; expected: string }>)[output]!;
    const value = o[output];
    if (typeof value !== "string" || !shape.pattern.test(value)) problems.push(`--outputs ${file}: ${output}: got ${JSON.stringify(value ?? null)}, expected ${shape.expected} (stack ${stack} is on ${cloud})`);
    else variables[accountVariable(stack, output)] = value;
  }
  if (problems.length > 0) throw new UserInputError(problems);
  return variables;
}
