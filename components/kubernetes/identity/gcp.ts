import type { Driver } from "../../capability.ts";
import type { WorkloadIdentityArgs, WorkloadIdentity } from "./identity.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpWorkloadIdentity: Driver<WorkloadIdentityArgs, WorkloadIdentity> = notBuilt("gcp", "WorkloadIdentity");
