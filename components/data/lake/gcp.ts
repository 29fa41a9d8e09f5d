import type { Driver } from "../../capability.ts";
import type { LakeArgs, Lake } from "./lake.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpLake: Driver<LakeArgs, Lake> = notBuilt("gcp", "Lake");
