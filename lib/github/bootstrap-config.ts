import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { githubEnvironments } from "../../components/github-environments.ts";
import { cloudWideOutputVariables, stackOutputVariables, type OutputVariable } from "../../workflows/variables.ts";
import { clouds, type Cloud, type Environment } from "../../components/spec/index.ts";
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
      // A repository-wide variable (AWS_REGION, GCP_PROJECT_ID, ...) is shared by every stack's login: two stacks
      // that disagree would leave one of them logging in to the other's region, project or tenant.
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

/** The stack output naming the stack's cloud: it selects the cloud-wide outputs read. */
const cloudOutput = "cloud";
/** The stack output naming its environment: a dev stack must export its review identity. */
const environmentOutput = "environment";

/** The cloud a stack's outputs name, if it is one stratum knows. */
function cloudOf(outputs: Readonly<Record<string, unknown>>): Cloud | undefined {
  const cloud = outputs[cloudOutput];
  return clouds.find((c) => c === cloud);
}

/**
 * Every variable bootstrap sets from a stack's outputs, and the output each is read from; nothing else is read.
 * The review identity is a dev stack's only (review environments are built on dev).
 */
export function outputVariables(stack: string, cloud: Cloud | undefined, environment: unknown): readonly OutputVariable[] {
  return [...stackOutputVariables(stack).filter((v) => v.kind !== "reviewIdentity" || environment === "dev"), ...(cloud ? cloudWideOutputVariables[cloud] : [])];
}

/** Every stack output bootstrap reads for a stack of this cloud and environment: what the platform must export. */
export function bootstrapReadOutputs(stack: string, cloud: Cloud, environment: Environment): readonly string[] {
  return [cloudOutput, environmentOutput, ...outputVariables(stack, cloud, environment).map((v) => v.output)];
}

/**
 * Actions variables from one stack's outputs: its three identities (role ARN, workload identity provider or client
 * id, per cloud) under the stack's own name — `deployIdentity` for deploy jobs, the read-only `previewIdentity` for
 * preview and drift jobs, `publishIdentity` for the job that pushes images to the stack's registry, and for a dev
 * stack `reviewIdentity` for review environments — the registry the publish job copies to (`registryHost`,
 * `registryUrls`: it cannot read the stack's state), and the cloud-wide identifiers the stack's cloud's login
 * action also takes.
 */
export function oidcVariables(stack: string, file: string, text: string): Record<string, string> {
  const outputs = parseJson(text, `--outputs ${file}`, "`pulumi stack output --json` output");
  const o: Record<string, unknown> = isJsonObject(outputs) ? outputs : {};
  const wanted = outputVariables(stack, cloudOf(o), o[environmentOutput]);
  const absent = (v: OutputVariable) => typeof o[v.output] !== "string" || o[v.output] === "";
  const missing = wanted.filter((v) => v.kind === "identity" && absent(v)).map((v) => v.output);
  if (missing.length > 0) {
    throw new UserInputError(`--outputs ${file}: no ${missing.map((m) => `"${m}"`).join(" or ")} string output; the stack must export all three of its CI identities`);
  }
  // A dev stack is the base of review environments: the review workflow logs in as its review identity.
  for (const review of wanted.filter((v) => v.kind === "reviewIdentity" && absent(v))) {
    throw new UserInputError(`--outputs ${file}: no "${review.output}" string output; a dev stack (environment "dev") exports the identity review environments are created with`);
  }
  const variables: Record<string, string> = {};
  for (const { variable, output, kind } of wanted) {
    const value = o[output];
    if (kind === "map") {
      if (value === undefined) continue;
      if (!isJsonObject(value) || Object.values(value).some((u) => typeof u !== "string")) {
        throw new UserInputError(`--outputs ${file}: ${output}: got ${JSON.stringify(value)}, expected an object of workload name to repository URL`);
      }
      variables[variable] = JSON.stringify(value);
    } else if (typeof value === "string" && value !== "") variables[variable] = value;
  }
  return variables;
}
