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
  /** A plan diff's changed properties of which it cannot say whether they replace (no table for the provider). */
  readonly replaceUnknown?: readonly string[];
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
  readonly source: "offline-plan" | "preview" | "plan-diff";
  readonly file: string;
  readonly changes: readonly Change[];
  /** Resources the preview left untouched (op "same"). */
  readonly unchanged: number;
  /** Violations on the head side (for a plan diff: only those the change introduces). */
  readonly violations: readonly PolicyViolation[];
  /** A plan diff's policy on both sides: how many were introduced, which were fixed, controls whose status changed. */
  readonly policyChanges?: PolicyChanges;
  /** A plan diff's `secure:` config keys whose value differs (never the value). */
  readonly configSecrets?: readonly { readonly key: string; readonly change: string }[];
}

export interface PolicyChanges {
  readonly introduced: number;
  readonly fixed: readonly { readonly rule: string; readonly urn: string }[];
  readonly controls: readonly { readonly framework: string; readonly control: string; readonly old: string; readonly new: string }[];
}

export const changeOps: readonly ChangeOp[] = ["create", "update", "replace", "delete"];
