import type * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../../spec/index.ts";

export function azureProvider(_name: string, _spec: PlatformSpec, _opts: pulumi.CustomResourceOptions): pulumi.ProviderResource {
  throw new Error("the azure provider is not built yet");
}
