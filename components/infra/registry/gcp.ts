import type { Driver } from "../../capability.ts";
import type { RegistryArgs, Registry } from "./registry.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpRegistry: Driver<RegistryArgs, Registry> = notBuilt("gcp", "Registry");
