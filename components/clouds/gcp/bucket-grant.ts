import * as storage from "@pulumi/gcp/storage/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import type { Principal } from "../../grants.ts";
import { grantName, iamMember } from "./iam-member.ts";

/**
 * A role for a principal on one bucket (`<prefix>-<principal>-<what>`), never on the project. No key grant goes
 * with it: GCS encrypts and decrypts CMEK objects as its own service agent (the keys driver grants it the key),
 * so a reader or writer with a key role could only use the key outside GCS, which no workload needs.
 */
export function bucketGrant(ctx: DriverContext, what: string, principal: Principal, bucket: pulumi.Input<string>, role: string): storage.BucketIAMMember {
  return new storage.BucketIAMMember(grantName(ctx, principal, what), { bucket, role, member: iamMember(principal) }, { parent: ctx.parent });
}
