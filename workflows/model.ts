/**
 * A typed model of the GitHub Actions workflow syntax, as much of it as stratum generates. Field names are
 * camelCase here and rendered to the YAML's kebab-case keys, in a fixed order, by render.ts.
 */

/** A pinned action reference; built only by actions.ts from the pin table. */
export interface ActionRef {
  /** `owner/repo` or `owner/repo/path`. */
  readonly action: string;
  readonly sha: string;
  /** The tag the SHA is, e.g. `v6.1.0`; rendered as the `# v6.1.0` comment. */
  readonly tag: string;
}

export type PermissionScope =
  | "actions"
  | "attestations"
  | "checks"
  | "contents"
  | "deployments"
  | "id-token"
  | "issues"
  | "packages"
  | "pull-requests"
  | "security-events"
  | "statuses";
export type PermissionLevel = "read" | "write";
/** Scopes not listed get no access. `{}` renders as `permissions: {}`. */
export type Permissions = Readonly<Partial<Record<PermissionScope, PermissionLevel>>>;

export type Scalar = string | number | boolean;

/**
 * The resource a cloud action acts on.
 * - `{ output, key?, suffix? }`: a resource the stack creates, named by the stack output that holds its identifier
 *   (an ARN on AWS): `output` is the output's name, `key` a key inside a map output (a workload's name), `suffix`
 *   what follows the identifier (e.g. `/*` for a bucket's objects).
 * - `"*"`: an action the cloud grants on no particular resource (AWS: `ecr:GetAuthorizationToken`,
 *   `sts:GetCallerIdentity` take `Resource: "*"` only); the check evaluates it on `*`.
 * - `"pulumi-state"`: the stack's checkpoint in the Pulumi backend (`PULUMI_BACKEND_URL`). The backend predates
 *   the stack and is not in its plan, so the offline check lists these entries without evaluating them; with
 *   Pulumi Cloud they do not apply at all.
 */
export type CloudResource = { readonly output: string; readonly key?: string; readonly suffix?: string } | "*" | "pulumi-state";

/**
 * One cloud action a step performs and the resource it acts on, declared where the step is built, so that the
 * offline permission check evaluates exactly what the step does against the identity its job logs in as.
 * Rendered nowhere.
 */
export interface CloudAccess {
  /** The cloud's action name, e.g. `ecr:PutImage`, `s3:PutObject`, `cloudfront:CreateInvalidation`. */
  readonly action: string;
  readonly resource: CloudResource;
}

export interface Step {
  /** Every step has a name: the log reads as a checklist. */
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  /** A pinned action. Exactly one of `uses` and `run`. */
  readonly uses?: ActionRef;
  readonly with?: Readonly<Record<string, Scalar>>;
  /**
   * Shell script. Never contains `${{ }}`: values reach it through `env:` and are quoted, so no context can
   * inject shell syntax (checked by the self-audit test).
   */
  readonly run?: string;
  /** @default the job's working directory (the repository root) */
  readonly workingDirectory?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** A comment rendered above the step, for a reviewer. */
  readonly comment?: string;
  /** What the step does in the cloud, for the offline permission check. @default none */
  readonly cloudAccess?: readonly CloudAccess[];
}

export interface Concurrency {
  readonly group: string;
  readonly cancelInProgress: boolean;
}

export interface Job {
  readonly name: string;
  /** A label, or several that a self-hosted runner must all carry. @default runner from versions.ts */
  readonly runsOn?: string | readonly string[];
  readonly needs?: readonly string[];
  readonly if?: string;
  /** Exactly what the job uses; `{}` when it needs nothing. There is no default: every job states it. */
  readonly permissions: Permissions;
  /** A GitHub Environment; required for any job that reads a secret. */
  readonly environment?: string;
  readonly concurrency?: Concurrency;
  readonly timeoutMinutes: number;
  readonly outputs?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
  /** A comment rendered above the job. */
  readonly comment?: string;
}

export interface PullRequestTrigger {
  readonly branches?: readonly string[];
  readonly types?: readonly string[];
  readonly paths?: readonly string[];
}

export interface Triggers {
  readonly pullRequest?: PullRequestTrigger;
  readonly push?: { readonly branches: readonly string[] };
  readonly schedule?: readonly { readonly cron: string }[];
  /** @default absent: the workflow cannot be started by hand */
  readonly workflowDispatch?: true;
  /** Another workflow's completed run, in this repository's context (the plan diff's comment). */
  readonly workflowRun?: { readonly workflows: readonly string[]; readonly types: readonly string[] };
}

export interface Workflow {
  /** The file under .github/workflows/, e.g. `ci.yml`. */
  readonly fileName: string;
  /** The module that defines it, e.g. `workflows/ci.ts`, named in the generated header. */
  readonly source: string;
  readonly name: string;
  readonly on: Triggers;
  /** @default {} (no access); jobs ask for what they use */
  readonly permissions?: Permissions;
  readonly concurrency?: Concurrency;
  readonly env?: Readonly<Record<string, string>>;
  /** Job id → job, in the order they are rendered. */
  readonly jobs: Readonly<Record<string, Job>>;
}
