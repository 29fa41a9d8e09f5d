import type * as pulumi from "@pulumi/pulumi";
import type { Driver } from "../../capability.ts";
import type { WorkloadIdentityArgs, WorkloadIdentity } from "./identity.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export function azureReviewWorkloadIdentity(_baseIdentities: pulumi.Output<Readonly<Record<string, string>>>): Driver<WorkloadIdentityArgs, WorkloadIdentity> {
  return notBuilt("azure", "ReviewWorkloadIdentity");
}
