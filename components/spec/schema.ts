import { z } from "zod";
import { environments, severities, sizes } from "./profiles.ts";
import { clouds, frameworks } from "./names.ts";
import { boundedText, cronSchedule, listCaps, networkCidr, publicAccessCidrList, textCaps } from "./validators.ts";
import { accountSchema } from "./account.ts";

/**
 * The platform spec as a stack declares it under the `stratum:` config namespace. Every field a profile can
 * default is optional here; `resolveSpec` fills it in. Objects are strict, so a misspelt key is an error,
 * not a silently ignored setting.
 */

export { clouds, frameworks };
export const classifications = ["public", "internal", "confidential", "restricted"] as const;
export const accessLevels = ["read", "readwrite"] as const;

const dnsLabel = z.string().regex(/^[a-z][a-z0-9-]{0,28}[a-z0-9]$/, "a lowercase DNS label: letters, digits and '-', 2 to 30 characters, starting with a letter");
const region = z.string().max(64).regex(/^[a-z]+(-[a-z0-9]+)*[0-9]?$/, "a cloud region name such as us-east-1, europe-west1 or westeurope");
/**
 * A source folder relative to the repository root. It reaches workflow `with:` inputs, path filters and
 * `working-directory:`, so each segment is plain: letters, digits, '.', '_' and '-', never starting with '.' or
 * '-' (no '..', no hidden folder, nothing read as a flag), and no '${{', glob, quote, space or shell character.
 */
export const relativePathPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;
const relativePath = z
  .string()
  .max(200, "at most 200 characters")
  .regex(relativePathPattern, "a relative path such as examples/api: segments of letters, digits, '.', '_' and '-', each starting with a letter, digit or '_' (no '..', no leading '/' or '-', no spaces, quotes, globs or shell characters)");
const size = z.enum(sizes);
/** A runner label as GitHub accepts it; nothing a shell or an expression could read as syntax. */
const runnerLabel = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "a runner label: letters, digits, '.', '_' and '-', 1 to 100 characters");
const replicas = z.strictObject({ min: z.int().min(1).max(100).optional(), max: z.int().min(1).max(500).optional() });
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti)?$/, "a Kubernetes quantity such as 250m, 1, 512Mi or 2Gi");
/**
 * An image digest only. The platform composes `<the stack's repository for the workload>@<digest>`, so a workload
 * can only ever run an image from the stack's own registry: full references (another registry) and tags (they
 * move) are refused.
 */
export const imageDigest = z
  .string()
  .regex(/^sha256:[a-f0-9]{64}$/, "an image digest sha256:<64 hex>, not a full reference or a tag: the platform pulls only from the stack's own registry and composes REPOSITORY@DIGEST itself");

const dataAccess = z.strictObject({
  database: z.enum(accessLevels).optional(),
  warehouse: z.enum(accessLevels).optional(),
  /** Lake zone name → access level, e.g. `{ curated: read }`. */
  lake: z.record(boundedText(textCaps.identifier), z.enum(accessLevels)).optional(),
});

const service = z.strictObject({
  name: dnsLabel,
  /** Source folder: the build context, and the path filter that decides when the service is rebuilt. */
  path: relativePath,
  port: z.int().min(1024, "an unprivileged port, 1024 to 65535 (pods run as non-root)").max(65535),
  replicas: replicas.optional(),
  resources: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
  /** Reachable from the internet through the cluster's ingress. Internal services are reachable only in-cluster. */
  public: z.boolean().optional(),
  /** Public host name for the ingress; required when `public` is true. */
  host: z.string().max(textCaps.hostName).regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "a DNS host name such as api.example.com").optional(),
  /** Liveness: the process answers. @default "/healthz" */
  healthPath: boundedText(textCaps.path).startsWith("/").optional(),
  /** Readiness: the service can serve (its database, its peers); a pod gets traffic only while it answers 200. @default "/readyz" */
  readinessPath: boundedText(textCaps.path).startsWith("/").optional(),
  /** Other services this one calls; each becomes an allowed network flow. */
  talksTo: z.array(dnsLabel).max(listCaps.workloads).optional(),
  dataAccess: dataAccess.optional(),
  /** A command run as a Job from the same image before the service rolls out. */
  migrations: z.strictObject({ command: z.array(boundedText(textCaps.path).min(1)).min(1).max(listCaps.commandArguments) }).optional(),
});

const frontend = z.strictObject({
  name: dnsLabel.optional(),
  path: relativePath,
  /** Custom domain served over TLS; without it the CDN's own domain and certificate are used. */
  domain: z.string().max(textCaps.hostName).regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, "a DNS host name such as www.example.com").optional(),
});

const database = z.strictObject({
  name: dnsLabel.optional(),
  engineVersion: z.string().regex(/^\d{2}$/, "a PostgreSQL major version such as 16").optional(),
  size: size.optional(),
  storageGb: z.int().min(20).max(65536).optional(),
  highAvailability: z.boolean().optional(),
  deletionProtection: z.boolean().optional(),
  backupRetentionDays: z.int().min(1).max(35).optional(),
});

const lake = z.strictObject({
  zones: z.array(dnsLabel).min(1).max(listCaps.workloads).optional(),
  noncurrentVersionRetentionDays: z.int().min(1).max(3650).optional(),
});

const warehouse = z.strictObject({ enabled: z.boolean().optional(), size: size.optional() });

const pipeline = z.strictObject({
  name: dnsLabel,
  path: relativePath.optional(),
  /** Five-field Unix cron expression (UTC), e.g. "0 2 * * *". */
  schedule: cronSchedule,
  source: dnsLabel,
  target: dnsLabel,
});

const model = z.strictObject({
  name: dnsLabel,
  path: relativePath.optional(),
  /** `managed`: the cloud's model endpoint. `cluster`: a model container on the platform's Kubernetes cluster. */
  serving: z.enum(["managed", "cluster"]),
  port: z.int().min(1024).max(65535).optional(),
  size: size.optional(),
  replicas: replicas.optional(),
});

const cluster = z.strictObject({
  version: z.string().regex(/^1\.\d{2}$/, "a Kubernetes minor version such as 1.33").optional(),
  nodeSize: size.optional(),
  minNodes: z.int().min(1).max(100).optional(),
  maxNodes: z.int().min(1).max(1000).optional(),
  deletionProtection: z.boolean().optional(),
  /** CIDRs allowed to reach a public API endpoint. Empty (the default) keeps the endpoint private. */
  publicAccessCidrs: publicAccessCidrList.optional(),
});

const network = z.strictObject({
  cidr: networkCidr.optional(),
  zones: z.int().min(2).max(3).optional(),
  natGateways: z.enum(["single", "perZone"]).optional(),
  flowLogs: z.boolean().optional(),
});

const team = z.strictObject({
  name: dnsLabel,
  /** Identity-provider group names (IAM role ARNs on AWS, Google groups, Entra ID group object ids). */
  group: boundedText(textCaps.path).min(1),
  access: z.enum(["viewer", "deployer"]),
});

/** The top-level keys of the `stratum:` namespace. */
export const rawSpecSchema = z.strictObject({
  /** Platform name: the prefix of every resource name. */
  name: dnsLabel,
  cloud: z.enum(clouds),
  region,
  environment: z.enum(environments),
  /** The account the stack deploys into: its own cloud's section only (`components/spec/account.ts`). */
  account: accountSchema,
  allowedRegions: z.array(region).min(1).max(listCaps.regions).optional(),
  /** Limits per cloud (count, key and value length, characters) are checked in tag-limits.ts. */
  tags: z.strictObject({ owner: z.string().min(1), costCenter: z.string().min(1) }).catchall(z.string()),
  compliance: z
    .strictObject({
      frameworks: z.array(z.enum(frameworks)),
      dataClassification: z.enum(classifications),
      /** Rule ids reported but not enforced. Not allowed in prod, where every selected rule is mandatory. */
      advisoryRules: z.array(boundedText(textCaps.identifier).min(1)).max(listCaps.rules).optional(),
    }),
  github: z.strictObject({
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "OWNER/REPO"),
  }),
  infra: z.strictObject({ network: network.optional(), cluster: cluster.optional() }).optional(),
  web: z.strictObject({ frontend: frontend.optional(), services: z.array(service).max(listCaps.services).optional() }).optional(),
  data: z
    .strictObject({ database: database.optional(), lake: lake.optional(), warehouse: warehouse.optional(), pipelines: z.array(pipeline).max(listCaps.workloads).optional() })
    .optional(),
  ml: z.strictObject({ models: z.array(model).max(listCaps.workloads).optional() }).optional(),
  teams: z.array(team).max(listCaps.workloads).optional(),
  /** Image digest per service, model or pipeline. The deploy workflow sets these after the scan gate passes. */
  images: z.record(dnsLabel, imageDigest).optional(),
  scan: z.strictObject({ failOn: z.enum(severities).optional() }).optional(),
  review: z
    .strictObject({
      ttlHours: z.int().min(1).max(720).optional(),
      /** Set only in a review stack (`pr-<number>`, made by the review workflow): the pull request it runs. */
      pullRequest: z.int().min(1).max(99_999_999).optional(),
      /** Set only in a review stack: the dev stack whose cluster, registry and data services it uses. */
      baseStack: z.string().regex(/^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/, "a stack name such as dev-aws, or org/project/stack").optional(),
      /** Set only by the teardown of a review stack: its migration Jobs run once more, dropping its schema. */
      teardown: z.boolean().optional(),
    })
    .optional(),
  ci: z
    .strictObject({
      /**
       * Labels of a self-hosted runner inside the network (e.g. actions-runner-controller in the cluster). Jobs that
       * reach the cluster (deploy, preview, drift, review) run there: a private cluster endpoint is unreachable from
       * GitHub-hosted runners.
       */
      clusterRunnerLabels: z.array(runnerLabel).min(1).max(10).optional(),
    })
    .optional(),
});

export type RawSpec = z.infer<typeof rawSpecSchema>;
export type { Cloud, Framework } from "./names.ts";
export type Classification = (typeof classifications)[number];
export type AccessLevel = (typeof accessLevels)[number];
