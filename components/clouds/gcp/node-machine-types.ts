import type { Size } from "../../spec/index.ts";

/** The spec's cloud-neutral node sizes on GKE: general-purpose N2 machines, 2 to 16 vCPUs (as AWS's m7i sizes). */
export const nodeMachineType: Readonly<Record<Size, string>> = {
  small: "n2-standard-2",
  medium: "n2-standard-4",
  large: "n2-standard-8",
  xlarge: "n2-standard-16",
};
