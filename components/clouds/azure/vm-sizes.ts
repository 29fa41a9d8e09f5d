import type { Size } from "../../spec/index.ts";

/** The spec's node sizes as Azure VM sizes: general purpose, 2 to 16 vCPUs, premium storage, encryption at host. */
export const nodeVmSize: Readonly<Record<Size, string>> = {
  small: "Standard_D2ds_v5",
  medium: "Standard_D4ds_v5",
  large: "Standard_D8ds_v5",
  xlarge: "Standard_D16ds_v5",
};
