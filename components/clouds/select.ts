import type { Cloud } from "../spec/index.ts";
import type { CloudModule } from "../cloud-module.ts";

/**
 * Loads one cloud's folder (its drivers and its offline plan answers), and with it only that cloud's provider
 * SDK: importing all three would cost ~0.7 s and ~0.5 GB more at every start. The switch is exhaustive, so adding
 * a cloud without a case here fails to compile.
 */
export async function loadCloud(cloud: Cloud): Promise<CloudModule> {
  switch (cloud) {
    case "aws":
      return (await import("./aws/index.ts")).aws;
    case "gcp":
      return (await import("./gcp/index.ts")).gcp;
    case "azure":
      return (await import("./azure/index.ts")).azure;
    default:
      return unreachable(cloud);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled cloud ${String(value)}`);
}
