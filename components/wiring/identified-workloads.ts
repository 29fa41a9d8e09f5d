import type { DataAccess, PlatformSpec } from "../spec/index.ts";
import { wiredWorkloads, type WiredWorkload } from "./workloads.ts";

/** The access the spec gives a workload that the stack can honour: a database or warehouse grant needs one. */
function honoured(access: DataAccess, spec: PlatformSpec): DataAccess {
  return {
    lake: access.lake,
    ...(access.database && spec.data.database ? { database: access.database } : {}),
    ...(access.warehouse && spec.data.warehouse ? { warehouse: access.warehouse } : {}),
  };
}

const grantsAnything = (access: DataAccess) => Object.keys(access.lake).length > 0 || access.database !== undefined || access.warehouse !== undefined;

/**
 * The workloads on the cluster that get a cloud identity (components/kubernetes/identities.ts): those the spec
 * grants something the stack can honour, with that access.
 */
export function grantedWorkloads(spec: PlatformSpec): WiredWorkload[] {
  return wiredWorkloads(spec)
    .filter((w) => w.runsOn === "cluster")
    .map((w): WiredWorkload => ({ ...w, dataAccess: honoured(w.dataAccess, spec) }))
    .filter((w) => grantsAnything(w.dataAccess));
}

/** Their names: the keys of the stack's `workloadRoles` output, which a review environment's workloads take on. */
export const identifiedWorkloads = (spec: PlatformSpec): string[] => grantedWorkloads(spec).map((w) => w.name);
