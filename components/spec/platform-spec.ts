import type { AccessLevel, Classification, Cloud, Framework } from "./schema.ts";
import type { Environment, Profile, Severity, Size } from "./profiles.ts";
import type { AccountSpec } from "./account.ts";

/**
 * The resolved platform spec: what a stack declared, with every default from its environment profile filled
 * in. Components and cloud implementations read only this; they never apply defaults of their own.
 */
export interface PlatformSpec {
  readonly name: string;
  readonly stack: string;
  readonly cloud: Cloud;
  readonly region: string;
  readonly environment: Environment;
  /** The account, project or subscription the stack deploys into; only the stack's cloud's section is set. */
  readonly account: AccountSpec;
  readonly allowedRegions: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly compliance: {
    readonly frameworks: readonly Framework[];
    readonly dataClassification: Classification;
    readonly advisoryRules: readonly string[];
  };
  readonly github: { readonly repository: string; readonly owner: string; readonly repo: string };
  readonly infra: {
    readonly network: Profile["network"];
    readonly cluster: Profile["cluster"] & { readonly publicAccessCidrs: readonly string[] };
  };
  readonly web: {
    readonly frontend?: FrontendSpec;
    readonly services: readonly ServiceSpec[];
    /** From the profile: spread each workload's pods over zones (prod); keep a PodDisruptionBudget (staging, prod). */
    readonly placement: { readonly spreadAcrossZones: boolean; readonly podDisruptionBudget: boolean };
  };
  readonly data: {
    readonly database?: DatabaseSpec;
    readonly lake: LakeSpec;
    readonly warehouse?: { readonly size: Size };
    readonly pipelines: readonly PipelineSpec[];
    /** The profile's time limit of one run, and the per-pod size (the spec gives pipelines none of their own). */
    readonly pipelineRuntime: Profile["pipelines"] & { readonly resources: { readonly cpu: string; readonly memory: string } };
  };
  readonly ml: { readonly models: readonly ModelSpec[] };
  readonly teams: readonly TeamSpec[];
  readonly keys: Profile["keys"];
  readonly registry: Profile["registry"];
  readonly audit: Profile["audit"];
  readonly scan: { readonly failOn: Severity };
  /** `pullRequest` and `baseStack` are set together, only in a review stack (see components/review/). */
  readonly review: { readonly ttlHours: number; readonly pullRequest?: number; readonly baseStack?: string; readonly teardown?: boolean };
  /** Runner labels for the CI jobs that reach the cluster; empty when none are named. */
  readonly ci: { readonly clusterRunnerLabels: readonly string[] };
}

export interface FrontendSpec {
  readonly name: string;
  readonly path: string;
  readonly domain?: string;
}

export interface DataAccess {
  readonly database?: AccessLevel;
  readonly warehouse?: AccessLevel;
  readonly lake: Readonly<Record<string, AccessLevel>>;
}

/** What every workload on the cluster shares, services and in-cluster models alike. */
export interface WorkloadSpec {
  readonly name: string;
  readonly path?: string;
  readonly port: number;
  readonly replicas: { readonly min: number; readonly max: number };
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** Liveness probe path: the process answers. */
  readonly healthPath: string;
  /** Readiness probe path: the workload can serve (its database, its peers). */
  readonly readinessPath: string;
  /** `sha256:<64 hex>`, in the stack's registry; absent until the deploy pipeline has scanned and published one. */
  readonly image?: string;
}

export interface ServiceSpec extends WorkloadSpec {
  readonly path: string;
  readonly public: boolean;
  readonly host?: string;
  readonly talksTo: readonly string[];
  readonly dataAccess: DataAccess;
  readonly migrations?: { readonly command: readonly string[] };
}

/** The profile's database settings, resolved, plus the database's name. */
export type DatabaseSpec = Profile["database"] & { readonly name: string };

export interface LakeSpec {
  readonly zones: readonly string[];
  readonly noncurrentVersionRetentionDays: number;
}

export interface PipelineSpec {
  readonly name: string;
  readonly path?: string;
  /** Five-field cron, run in UTC. */
  readonly schedule: string;
  readonly source: string;
  readonly target: string;
  /** `sha256:<64 hex>`, in the stack's registry; absent until the deploy pipeline has published one. */
  readonly image?: string;
}

export interface ModelSpec extends WorkloadSpec {
  readonly serving: "managed" | "cluster";
  readonly size: Size;
}

export interface TeamSpec {
  readonly name: string;
  readonly group: string;
  readonly access: "viewer" | "deployer";
}
