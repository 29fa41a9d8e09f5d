import type { Cloud } from "../spec/index.ts";
import type { CloudModule } from "../cloud-module.ts";
import { loadCloudExport } from "./cloud-export.ts";

/**
 * Each cloud's folder, by cloud, each `index.ts` exporting its `CloudModule` under the cloud's name. The
 * `satisfies` makes adding a cloud without its folder fail to compile.
 */
const cloudFolders = {
  aws: "./aws/index.ts",
  gcp: "./gcp/index.ts",
  azure: "./azure/index.ts",
} as const satisfies Record<Cloud, string>;

/**
 * Loads one cloud's folder (its drivers and its offline plan answers), and with it only that cloud's provider
 * SDK: importing all three would cost ~0.7 s and ~0.5 GB more at every start.
 */
export function loadCloud(cloud: Cloud): Promise<CloudModule> {
  return loadCloudExport<CloudModule>(cloudFolders, import.meta.url, cloud, cloud);
}
