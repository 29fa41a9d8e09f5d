import type { Driver } from "../../capability.ts";
import { vaultKeyOf } from "../../clouds/azure/key-vault-key.ts";
import { containerUrl, secureStorageAccount, type SecureStorageAccount } from "../../clouds/azure/secure-storage-account.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./artifacts.ts";

export interface AzureModelArtifacts extends ModelArtifacts {
  readonly native: { readonly storage: SecureStorageAccount };
}

/** The container models' artifacts are kept in (`<model>/...`), its URL the artifacts' location. */
const container = "models";

/**
 * Model artifacts in a private `models` container of a secure storage account (secure-storage-account.ts)
 * under the ML key, reached through its `blob` private endpoint only; versions kept for the contract's
 * `noncurrentVersionRetentionDays`. Flat namespace: artifacts are whole objects, never renamed as directories.
 */
export const azureModelArtifacts: Driver<ModelArtifactsArgs, AzureModelArtifacts> = {
  create(args, ctx) {
    const storage = secureStorageAccount(ctx, {
      purpose: "models",
      key: vaultKeyOf(ctx, args.keyId),
      hierarchicalNamespace: false,
      containers: [container],
      retentionDays: args.noncurrentVersionRetentionDays,
      logDestination: args.logDestination,
      privateEndpoints: { connectivity: args.connectivity, groups: ["blob"] },
    });
    return { location: storage.containers[container]!.name.apply(() => containerUrl(storage.accountName, container)), native: { storage } };
  },
};
