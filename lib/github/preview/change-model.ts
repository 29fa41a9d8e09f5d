/**
 * One change model for both inputs `stratum comment` reads: an offline plan (every resource a create, since an
 * offline plan has no prior state) and `pulumi preview --json` (the PreviewDigest). Rendering and risk
 * classification see only this shape, never the two file formats.
 */

/** The four kinds a reviewer cares about; Pulumi's create-replacement/delete-replaced steps fold into "replace". */
export type ChangeOp = "create" | "update" | "replace" | "delete";

export interface Change {
  readonly op: ChangeOp;
  readonly urn: string;
  /** Pulumi type token, e.g. `aws:s3/bucket:Bucket`. */
  readonly type: string;
  /** The resource's logical name (last URN segment). */
  readonly name: string;
  readonly parent: string | null;
  /** Property paths that changed, from detailedDiff or diffReasons; empty for creates and deletes. */
  readonly changedKeys: readonly string[];
  /** Properties forcing a replacement, from replaceReasons. */
  readonly replaceReasons: readonly string[];
  /** Inputs after the change (undefined for deletes). */
  readonly newInputs: Readonly<Record<string, unknown>> | undefined;
  /** Inputs before the change (undefined for creates and for offline plans). */
  readonly oldInputs: Readonly<Record<string, unknown>> | undefined;
}

export interface PolicyViolation {
  readonly rule: string;
  readonly urn: string;
  readonly message: string;
  readonly enforcement: "mandatory" | "advisory";
  readonly waived: boolean;
}

/** One stack's worth of changes, whichever file it came from. */
export interface StackChanges {
  readonly stack: string;
  /** Which file format it came from; shown so reviewers know an offline plan has no prior state. */
  readonly source: "offline-plan" | "preview";
  readonly file: string;
  readonly changes: readonly Change[];
  /** Resources the preview left untouched (op "same"). */
  readonly unchanged: number;
  readonly violations: readonly PolicyViolation[];
}

export const changeOps: readonly ChangeOp[] = ["create", "update", "replace", "delete"];
