import type { AccountSpec } from "../../spec/index.ts";

/**
 * The stack's GCP project, from the spec's account section (`stratum:account.gcp`): every resource is placed in
 * it, and workload identity names are built from its number. Known before anything is created, so no driver
 * asks the cloud for it (no invoke).
 */
export function projectOf(ctx: { readonly account: AccountSpec }): { readonly projectId: string; readonly projectNumber: string } {
  const gcp = ctx.account.gcp;
  if (!gcp) throw new Error("the stack's account section has no gcp project (stratum:account.gcp.projectId and projectNumber)");
  return gcp;
}
