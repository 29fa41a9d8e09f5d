import * as pulumi from "@pulumi/pulumi";
import type { Driver } from "../../capability.ts";
import { blobStorage, containerUrl, type BlobStorage } from "../../clouds/azure/blob-storage.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./artifacts.ts";

export interface AzureModelArtifacts extends ModelArtifacts {
  readonly native: { readonly storage: BlobStorage };
}

/** The container models' artifacts are kept in (`<model>/...`), its URL the artifacts' location. */
const container = "models";

/**
 * Model artifacts in a private `models` container of a storage account (blob-storage.ts) under the ML key,
 * reached through its `blob` private endpoint only; versions kept for the contract's
 * `noncurrentVersionRetentionDays`. Flat namespace: artifacts are whole objects, never renamed as directories.
 */
export const azureModelArtifacts: Driver<ModelArtifactsArgs, AzureModelArtifacts> = {
  create(args, ctx) {
    const storage = blobStorage(ctx, {
      purpose: "models",
      keyId: args.keyId,
      hierarchicalNamespace: false,
      containers: [container],
      retentionDays: args.noncurrentVersionRetentionDays,
      logDestination: args.logDestination,
      privateEndpoints: { connectivity: args.connectivity, groups: ["blob"] },
    });
    const location = pulumi.all([storage.accountName, storage.containers[container]!.name]).apply(([account]) => containerUrl(account, container));
    return { location, native: { storage } };
  },
};
