import type { PlatformSpec } from "../../spec/index.ts";

export function gcpAccountOutputs(_spec: PlatformSpec): Readonly<Record<string, string>> {
  throw new Error("the gcp account outputs are not built yet");
}
