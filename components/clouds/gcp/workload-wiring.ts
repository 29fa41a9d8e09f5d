import type { CloudWorkloadWiring } from "../../kubernetes/workload-env.ts";
import type { PlatformSpec } from "../../spec/index.ts";

export function gcpWorkloadWiring(_spec: PlatformSpec): CloudWorkloadWiring {
  throw new Error("the gcp workload wiring is not built yet");
}
