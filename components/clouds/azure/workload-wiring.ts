import type { CloudWorkloadWiring } from "../../kubernetes/workload-env.ts";
import type { PlatformSpec } from "../../spec/index.ts";

export function azureWorkloadWiring(_spec: PlatformSpec): CloudWorkloadWiring {
  throw new Error("the azure workload wiring is not built yet");
}
