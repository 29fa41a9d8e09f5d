import type * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../../spec/index.ts";

export function gcpProvider(_name: string, _spec: PlatformSpec, _opts: pulumi.CustomResourceOptions): pulumi.ProviderResource {
  throw new Error("the gcp provider is not built yet");
}
