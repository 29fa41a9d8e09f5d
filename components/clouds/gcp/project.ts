import type { DriverContext } from "../../capability.ts";

/** The stack's GCP project (id and number) from the driver's account section, which validation made present. */
export function projectOf(ctx: DriverContext): { readonly projectId: string; readonly projectNumber: string } {
  const project = ctx.account.gcp;
  if (!project) throw new Error("a GCP driver ran without the stack's stratum:account.gcp section");
  return project;
}
