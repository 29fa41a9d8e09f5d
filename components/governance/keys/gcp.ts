import type { Driver } from "../../capability.ts";
import type { KeysArgs, Keys } from "./keys.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpKeys: Driver<KeysArgs, Keys> = notBuilt("gcp", "Keys");
