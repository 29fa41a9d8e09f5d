import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/gcp/kms/index.js";
import type { Driver } from "../../capability.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { serviceAgentEmail, type ServiceAgent } from "../../clouds/gcp/service-agents.ts";
import type { KeyDomain, Keys, KeysArgs } from "./keys.ts";

export interface GcpKeys extends Keys {
  readonly native: {
    readonly keyRing: kms.KeyRing;
    readonly keys: Readonly<Record<KeyDomain, kms.CryptoKey>>;
    /** Per domain, the service agents' `cryptoKeyEncrypterDecrypter` grants on its key. */
    readonly agentGrants: Readonly<Record<KeyDomain, readonly kms.CryptoKeyIAMMember[]>>;
  };
}

/**
 * The Google service agents that encrypt with each domain's key on the project's behalf (CMEK): GKE (secrets in
 * etcd) and Compute Engine (the nodes' boot disks) with the cluster key; Artifact Registry with the registry key;
 * Cloud SQL with the database key; Cloud Storage with the keys of the buckets it writes (lake, model artifacts,
 * the front end's site, the audit sink's bucket); BigQuery with the warehouse key; Vertex AI with the ML key.
 * Nobody else is granted a key here: workloads reach encrypted data through the service, never the key.
 */
export const keyUsers: Readonly<Record<KeyDomain, readonly ServiceAgent[]>> = {
  platform: ["storage"],
  cluster: ["gke", "computeEngine"],
  registry: ["artifactRegistry"],
  database: ["cloudSql"],
  lake: ["storage"],
  warehouse: ["bigQuery"],
  ml: ["vertex", "storage"],
  audit: ["storage"],
};

/** 30 days: the policy pack asks for at most 90 (key-rotation); a month keeps each version's exposure short. */
export const rotationPeriod = `${30 * 86_400}s`;

/**
 * One key ring for the stack (`<prefix>-keys`, in the stack's region) and a symmetric CryptoKey per data domain,
 * rotated every 30 days, its destruction delayed by the contract's `deletionWindowDays`
 * (`destroyScheduledDuration`) and refused outright: `deletionPolicy: PREVENT` fails a `pulumi destroy` that would
 * remove it, and the resource is `protect`ed. Key rings and keys cannot be deleted in GCP at all (only their
 * versions destroyed), so their names are kept forever. Each domain's key is granted to exactly the service
 * agents that encrypt with it, and its `keyIds` value resolves only after those grants exist, so a resource
 * encrypted with it is created after its service may use the key.
 */
export const gcpKeys: Driver<KeysArgs, GcpKeys> = {
  create(args, ctx) {
    const { projectNumber } = projectOf(ctx);
    const opts = { parent: ctx.parent };
    const ringName = ctx.name("keys");
    const keyRing = new kms.KeyRing(ringName, { name: ringName, location: ctx.region }, { ...opts, protect: true });
    const keys = {} as Record<KeyDomain, kms.CryptoKey>;
    const agentGrants = {} as Record<KeyDomain, kms.CryptoKeyIAMMember[]>;
    const keyIds = {} as Record<KeyDomain, pulumi.Output<string>>;
    for (const domain of args.domains) {
      const key = new kms.CryptoKey(ctx.name(`${domain}-key`), {
        name: domain,
        keyRing: keyRing.id,
        purpose: "ENCRYPT_DECRYPT",
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" },
        rotationPeriod,
        destroyScheduledDuration: `${args.deletionWindowDays * 86_400}s`,
        importOnly: false,
        skipInitialVersionCreation: false,
        deletionPolicy: "PREVENT",
      }, { ...opts, protect: true });
      keys[domain] = key;
      agentGrants[domain] = keyUsers[domain].map((agent) =>
        new kms.CryptoKeyIAMMember(ctx.name(`${domain}-key-${kebab(agent)}`), {
          cryptoKeyId: key.id,
          role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
          member: `serviceAccount:${serviceAgentEmail(agent, projectNumber)}`,
        }, opts));
      // The key's id, carrying its grants as dependencies: whatever is encrypted with it waits for them.
      keyIds[domain] = pulumi.all([key.id, ...agentGrants[domain].map((g) => g.etag)]).apply(([id]) => id as string);
    }
    return { keyIds, native: { keyRing, keys, agentGrants } };
  },
};

function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
}
