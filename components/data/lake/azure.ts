import * as pulumi from "@pulumi/pulumi";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { Driver } from "../../capability.ts";
import { blobStorage, containerUrl, type BlobStorage } from "../../clouds/azure/blob-storage.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import type { Lake, LakeArgs } from "./lake.ts";

export interface AzureLake extends Lake {
  readonly native: {
    readonly storage: BlobStorage;
    /** Per principal granted, per zone, its role assignment on the zone's container. */
    readonly grants: Readonly<Record<string, Readonly<Record<string, authorization.RoleAssignment>>>>;
  };
}

/**
 * Data Lake Storage Gen2: one storage account (blob-storage.ts) with hierarchical namespace, under the lake key,
 * reached through its `blob` and `dfs` private endpoints only, a private container per zone. Each grant is a
 * role assignment on the zone's container, never the account: Storage Blob Data Reader for `read`, Storage Blob
 * Data Contributor for `readwrite`. The key needs no grant of its own: the account encrypts and decrypts with
 * its own identity, so a reader never holds a key permission.
 */
export const azureLake: Driver<LakeArgs, AzureLake> = {
  create(args, ctx) {
    const storage = blobStorage(ctx, {
      purpose: "lake",
      keyId: args.keyId,
      hierarchicalNamespace: true,
      containers: args.zones,
      retentionDays: args.noncurrentVersionRetentionDays,
      logDestination: args.logDestination,
      privateEndpoints: { connectivity: args.connectivity, groups: ["blob", "dfs"] },
    });
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, Object.fromEntries(Object.entries(grant.access).map(([zone, level]) => {
      const container = storage.containers[zone];
      if (!container) throw new Error(`lake grant to ${grant.principal.name} on zone "${zone}", which the lake does not have (zones: ${args.zones.join(", ")})`);
      return [zone, roleAssignment(ctx, `${grant.principal.name}-lake-${zone}`, {
        principalId: grant.principal.id,
        principalType: "ServicePrincipal",
        role: level === "readwrite" ? "Storage Blob Data Contributor" : "Storage Blob Data Reader",
        scope: container.id,
      })];
    }))]));
    // Each URL waits for its container, so what is granted on the zone from its URL (the catalog's scans) finds it.
    const zoneLocations = Object.fromEntries(args.zones.map((zone) => [zone, pulumi.all([storage.accountName, storage.containers[zone]!.name]).apply(([account]) => containerUrl(account, zone))]));
    return { zoneLocations, native: { storage, grants } };
  },
};
