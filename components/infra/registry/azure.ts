import type { Driver } from "../../capability.ts";
import type { RegistryArgs, Registry } from "./registry.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureRegistry: Driver<RegistryArgs, Registry> = notBuilt("azure", "Registry");
