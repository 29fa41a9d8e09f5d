import type { PlanResource } from "../../lib/plan/model.ts";
import type { PolicyContext } from "../../policy/context.ts";
import { res } from "./fixtures.ts";

/**
 * One rule case: resources that comply and resources that violate, both run offline (`findings`) and through the
 * CrossGuard pack's own policy objects (`packViolations`), which must agree.
 */
export interface Case {
  readonly cloud: "aws" | "gcp" | "azure" | "kubernetes";
  readonly pass: readonly PlanResource[];
  readonly fail: readonly PlanResource[];
  readonly ctx?: Partial<PolicyContext>;
  /** Only `pass` is asserted: the case shows a context where the rule does not bind. */
  readonly passOnly?: true;
}

export type Cases = Readonly<Record<string, readonly Case[]>>;

/** A case on one resource of `type`, compliant with `pass` inputs and violating with `fail` inputs. */
export const one = (type: string, pass: Record<string, unknown>, fail: Record<string, unknown>, cloud: Case["cloud"], ctx?: Partial<PolicyContext>): Case => ({
  cloud,
  pass: [res(type, "r", pass)],
  fail: [res(type, "r", fail)],
  ...(ctx ? { ctx } : {}),
});

/** Every table's cases per rule id, in order. */
export function mergeCases(...tables: readonly Cases[]): Cases {
  const merged: Record<string, Case[]> = {};
  for (const table of tables) for (const [id, list] of Object.entries(table)) merged[id] = [...(merged[id] ?? []), ...list];
  return merged;
}

/** The GCP audit trail's sink: a project sink into a bucket whose retention policy is locked. */
export const lockedSink: readonly PlanResource[] = [
  res("gcp:storage/bucket:Bucket", "audit", { name: "acme-audit", location: "europe-west1", retentionPolicy: { retentionPeriod: "31536000", isLocked: true } }),
  res("gcp:logging/projectSink:ProjectSink", "audit-sink", { destination: "storage.googleapis.com/acme-audit", uniqueWriterIdentity: true }),
];
