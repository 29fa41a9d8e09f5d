import type { Size } from "../../spec/index.ts";

/** Cloud SQL Enterprise edition custom machine types (vCPUs, MiB): 3.75 GiB per vCPU, the shared-core tiers avoided. */
export const cloudSqlTier: Readonly<Record<Size, string>> = {
  small: "db-custom-1-3840",
  medium: "db-custom-2-7680",
  large: "db-custom-4-15360",
  xlarge: "db-custom-8-30720",
};
