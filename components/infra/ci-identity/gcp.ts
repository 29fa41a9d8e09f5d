import type { Driver } from "../../capability.ts";
import type { CiIdentityArgs, CiIdentity } from "./ci-identity.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpCiIdentity: Driver<CiIdentityArgs, CiIdentity> = notBuilt("gcp", "CiIdentity");
