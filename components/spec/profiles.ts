/**
 * Environment profiles: every default the platform applies, in one place. A stack's config may override any of
 * them explicitly; cloud implementations receive resolved values and never invent defaults of their own, so
 * the three clouds cannot drift apart.
 */
export const environments = ["dev", "staging", "prod"] as const;
export type Environment = (typeof environments)[number];

export const sizes = ["small", "medium", "large", "xlarge"] as const;
export type Size = (typeof sizes)[number];

export const severities = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];

export interface Profile {
  readonly network: { readonly cidr: string; readonly zones: number; readonly natGateways: "single" | "perZone"; readonly flowLogs: boolean };
  readonly cluster: {
    readonly version: string;
    readonly nodeSize: Size;
    readonly minNodes: number;
    readonly maxNodes: number;
    readonly deletionProtection: boolean;
  };
  readonly database: {
    readonly engineVersion: string;
    readonly size: Size;
    readonly storageGb: number;
    readonly highAvailability: boolean;
    readonly deletionProtection: boolean;
    readonly backupRetentionDays: number;
  };
  readonly lake: { readonly zones: readonly string[]; readonly noncurrentVersionRetentionDays: number };
  readonly warehouse: { readonly size: Size };
  readonly services: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly cpu: string;
    readonly memory: string;
    readonly podDisruptionBudget: boolean;
    readonly spreadAcrossZones: boolean;
  };
  readonly models: { readonly size: Size; readonly minReplicas: number; readonly maxReplicas: number };
  readonly keys: { readonly deletionWindowDays: number };
  /** Image cleanup: untagged images expire after `untaggedImageExpiryDays`; only the newest `imagesKept` stay. */
  readonly registry: { readonly untaggedImageExpiryDays: number; readonly imagesKept: number };
  /** The time limit of one scheduled pipeline run (the CronJob's Jobs are stopped after it). */
  readonly pipelines: { readonly timeoutMinutes: number };
  readonly audit: { readonly logRetentionDays: number };
  /** The lowest severity `stratum scan` blocks when no `--fail-on` is given. */
  readonly scan: { readonly failOn: Severity };
  /** Review stacks (`pr-<number>`) are destroyed after this many hours. */
  readonly review: { readonly ttlHours: number };
}

export const profiles: Readonly<Record<Environment, Profile>> = {
  dev: {
    network: { cidr: "10.0.0.0/16", zones: 3, natGateways: "single", flowLogs: true },
    cluster: { version: "1.33", nodeSize: "small", minNodes: 1, maxNodes: 3, deletionProtection: false },
    database: { engineVersion: "16", size: "small", storageGb: 20, highAvailability: false, deletionProtection: false, backupRetentionDays: 7 },
    lake: { zones: ["raw", "curated"], noncurrentVersionRetentionDays: 30 },
    warehouse: { size: "small" },
    services: { minReplicas: 1, maxReplicas: 3, cpu: "250m", memory: "256Mi", podDisruptionBudget: false, spreadAcrossZones: false },
    models: { size: "small", minReplicas: 1, maxReplicas: 2 },
    keys: { deletionWindowDays: 7 },
    registry: { untaggedImageExpiryDays: 7, imagesKept: 20 },
    pipelines: { timeoutMinutes: 60 },
    audit: { logRetentionDays: 90 },
    scan: { failOn: "critical" },
    review: { ttlHours: 72 },
  },
  staging: {
    network: { cidr: "10.0.0.0/16", zones: 3, natGateways: "single", flowLogs: true },
    cluster: { version: "1.33", nodeSize: "medium", minNodes: 2, maxNodes: 6, deletionProtection: true },
    database: { engineVersion: "16", size: "medium", storageGb: 50, highAvailability: false, deletionProtection: true, backupRetentionDays: 14 },
    lake: { zones: ["raw", "curated"], noncurrentVersionRetentionDays: 90 },
    warehouse: { size: "medium" },
    services: { minReplicas: 2, maxReplicas: 5, cpu: "500m", memory: "512Mi", podDisruptionBudget: true, spreadAcrossZones: false },
    models: { size: "medium", minReplicas: 1, maxReplicas: 3 },
    keys: { deletionWindowDays: 30 },
    registry: { untaggedImageExpiryDays: 14, imagesKept: 50 },
    pipelines: { timeoutMinutes: 120 },
    audit: { logRetentionDays: 365 },
    scan: { failOn: "high" },
    review: { ttlHours: 72 },
  },
  prod: {
    network: { cidr: "10.0.0.0/16", zones: 3, natGateways: "perZone", flowLogs: true },
    cluster: { version: "1.33", nodeSize: "large", minNodes: 3, maxNodes: 12, deletionProtection: true },
    database: { engineVersion: "16", size: "large", storageGb: 100, highAvailability: true, deletionProtection: true, backupRetentionDays: 30 },
    lake: { zones: ["raw", "curated"], noncurrentVersionRetentionDays: 365 },
    warehouse: { size: "large" },
    services: { minReplicas: 3, maxReplicas: 10, cpu: "500m", memory: "512Mi", podDisruptionBudget: true, spreadAcrossZones: true },
    models: { size: "large", minReplicas: 2, maxReplicas: 6 },
    keys: { deletionWindowDays: 30 },
    registry: { untaggedImageExpiryDays: 14, imagesKept: 100 },
    pipelines: { timeoutMinutes: 240 },
    audit: { logRetentionDays: 2555 },
    scan: { failOn: "high" },
    review: { ttlHours: 72 },
  },
};
