import type { PlatformSpec } from "../../spec/index.ts";

export function azureAccountOutputs(_spec: PlatformSpec): Readonly<Record<string, string>> {
  throw new Error("the azure account outputs are not built yet");
}
