import type { Driver } from "../../capability.ts";
import type { CiIdentityArgs, CiIdentity } from "./ci-identity.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureCiIdentity: Driver<CiIdentityArgs, CiIdentity> = notBuilt("azure", "CiIdentity");
