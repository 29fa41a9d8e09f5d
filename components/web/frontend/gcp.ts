import type { Driver } from "../../capability.ts";
import type { FrontendArgs, Frontend } from "./frontend.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpFrontend: Driver<FrontendArgs, Frontend> = notBuilt("gcp", "Frontend");
