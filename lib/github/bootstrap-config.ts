import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { UserInputError } from "../cli/errors.ts";
import { requiredCheckNames } from "./required-checks.ts";

/** A reviewer as written in flags or config: `alice` (a user) or `team:acme/platform-admins`. */
export type ReviewerRef = { readonly kind: "user"; readonly login: string } | { readonly kind: "team"; readonly org: string; readonly slug: string };

export interface DesiredEnvironment {
  readonly name: string;
  readonly reviewers: readonly ReviewerRef[];
  /** Branches allowed to deploy to the environment. */
  readonly branches: readonly string[];
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

/** The environments the generated deploy workflows name; config may add more. */
const defaultEnvironments = ["staging", "production"];

export function desiredRepository(inputs: BootstrapInputs): DesiredRepository {
  const config = inputs.config ? readConfig(inputs.config.file, inputs.config.text) : {};
  const branch = inputs.branch ?? "main";
  const names = [...new Set([...defaultEnvironments, ...Object.keys(config.environments ?? {})])];
  const environments = names.map((name) => {
    const flag = name === "production" ? inputs.reviewers : name === "staging" ? inputs.stagingReviewers : undefined;
    const written = flag !== undefined ? flag.split(",").map((r) => r.trim()).filter(Boolean) : (config.environments?.[name]?.reviewers ?? []);
    const where = flag !== undefined ? (name === "production" ? "--reviewers" : "--staging-reviewers") : `${inputs.config?.file}: environments.${name}.reviewers`;
    return { name, reviewers: written.map((r) => parseReviewer(where, r)), branches: config.environments?.[name]?.branches ?? [branch] };
  });
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.variables ?? {})) variables[name] = String(value);
  for (const o of inputs.outputs) Object.assign(variables, oidcVariables(o.stack, o.file, o.text));
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

/** `dev-aws` → `DEV_AWS`: the form stack names take inside variable names. */
export function upperSnake(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

/**
 * Actions variables from one stack's outputs: the deploy identity (role ARN, workload identity provider or client
 * id, per cloud) under the stack's own name, and the cloud-wide identifiers the login actions also take.
 */
export function oidcVariables(stack: string, file: string, text: string): Record<string, string> {
  let outputs: unknown;
  try {
    outputs = JSON.parse(text);
  } catch (error) {
    throw new UserInputError(`--outputs ${file}: not JSON (${(error as Error).message}); expected \`pulumi stack output --json\``);
  }
  if (typeof outputs !== "object" || outputs === null || typeof (outputs as Record<string, unknown>).deployIdentity !== "string") {
    throw new UserInputError(`--outputs ${file}: no "deployIdentity" string output; the stack must export its CI identity`);
  }
  const o = outputs as Record<string, unknown>;
  const variables: Record<string, string> = { [`STRATUM_${upperSnake(stack)}_DEPLOY_IDENTITY`]: o.deployIdentity as string };
  const shared: [string, string, string?][] = [
    ["region", "AWS_REGION", "aws"],
    ["projectId", "GCP_PROJECT_ID"],
    ["tenantId", "AZURE_TENANT_ID"],
    ["subscriptionId", "AZURE_SUBSCRIPTION_ID"],
  ];
  for (const [output, variable, cloud] of shared) {
    if (typeof o[output] === "string" && (cloud === undefined || o.cloud === cloud)) variables[variable] = o[output] as string;
  }
  return variables;
}
