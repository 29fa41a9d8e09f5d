import type { Driver } from "../../capability.ts";
import type { WorkloadIdentityArgs, WorkloadIdentity } from "./identity.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureWorkloadIdentity: Driver<WorkloadIdentityArgs, WorkloadIdentity> = notBuilt("azure", "WorkloadIdentity");
