import type { Size } from "../../spec/index.ts";

/**
 * The spec's cloud-neutral sizes as Azure data and ML capacity. General Purpose at least: Burstable Flexible
 * Servers cannot be zone-redundant, and a size must mean the same thing with or without high availability.
 */
export const postgresSku: Readonly<Record<Size, { readonly name: string; readonly tier: "GeneralPurpose" | "MemoryOptimized" }>> = {
  small: { name: "Standard_D2ds_v5", tier: "GeneralPurpose" },
  medium: { name: "Standard_D4ds_v5", tier: "GeneralPurpose" },
  large: { name: "Standard_E4ds_v5", tier: "MemoryOptimized" },
  xlarge: { name: "Standard_E8ds_v5", tier: "MemoryOptimized" },
};

/** Flexible Server storage comes in fixed sizes (GiB): the smallest that holds what the profile asks. */
const postgresStorageSizes = [32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767];

export function postgresStorageGb(requested: number): number {
  const size = postgresStorageSizes.find((s) => s >= requested);
  if (size === undefined) throw new Error(`database storageGb ${requested} is above Azure Flexible Server's largest size (${postgresStorageSizes.at(-1)} GiB)`);
  return size;
}

/** Azure ML managed online deployment instance types. */
export const onlineDeploymentInstanceType: Readonly<Record<Size, string>> = {
  small: "Standard_DS2_v2",
  medium: "Standard_DS3_v2",
  large: "Standard_DS4_v2",
  xlarge: "Standard_DS5_v2",
};
