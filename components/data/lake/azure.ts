import type { Driver } from "../../capability.ts";
import type { LakeArgs, Lake } from "./lake.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureLake: Driver<LakeArgs, Lake> = notBuilt("azure", "Lake");
