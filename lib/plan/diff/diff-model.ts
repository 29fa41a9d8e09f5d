/**
 * The plan diff's JSON format (`stratum plan diff --format json`, `<out>/diff.json`, the pull-request artifact).
 * The `workflow_run` comment job reads it from untrusted pull requests and checks it field by field
 * (validate-diff.ts), so every field here is listed there too. Fields are only ever added.
 */
export const diffKind = "stratum-plan-diff";
export const diffFormatVersion = 1;

export type ResourceOp = "create" | "delete" | "update" | "unchanged";

/** Whether a change makes the provider replace the resource, and how stratum knows. */
export type ReplaceVerdict = "replaces" | "in-place" | "unknown";

export interface InputChange {
  /** `spec.replicas`, `tags.owner`, `ingress[0].cidrBlocks`. */
  readonly path: string;
  /** Absent when the input was added. A secret is "[secret]" on both sides, never its value. */
  readonly old?: unknown;
  /** Absent when the input was removed. */
  readonly new?: unknown;
  /** True when either side is a secret; `old` and `new` are then both "[secret]". */
  readonly secret?: true;
  /** For secrets only: "unknown" when a plan carried no fingerprint, so whether it changed cannot be told. */
  readonly secretChange?: "changed" | "unknown";
  readonly replace: ReplaceVerdict;
  /** Where the verdict comes from: the provider's table and its source, or why it is unknown. */
  readonly replaceSource: string;
}

/** A resource whose URN changed while it is, by its type and name, the same resource. */
export interface UrnChange {
  readonly oldUrn: string;
  readonly reason: "renamed" | "new parent";
  /** The resource option that keeps it (`aliases: [...]`): without it Pulumi deletes and re-creates it. */
  readonly aliasSuggestion: string;
}

export interface ResourceDiff {
  readonly op: ResourceOp;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent: string | null;
  /** For updates: each changed input. */
  readonly changes?: readonly InputChange[];
  readonly urnChange?: UrnChange;
  /** "replaces" when a URN change or an input change replaces it; "unknown" when any change's effect is unknown. */
  readonly replace?: ReplaceVerdict;
}

export interface ViolationKey {
  readonly rule: string;
  readonly urn: string;
  readonly message: string;
  readonly enforcement: "mandatory" | "advisory";
  readonly waived: boolean;
}

export interface ControlChange {
  readonly framework: string;
  readonly control: string;
  /** Absent when the control is new or gone on that side. */
  readonly old?: string;
  readonly new?: string;
}

export interface PolicyDiff {
  readonly introduced: readonly ViolationKey[];
  readonly fixed: readonly ViolationKey[];
  readonly unchanged: readonly ViolationKey[];
  readonly controls: readonly ControlChange[];
}

/** A `secure:` value of the stack's config that differs between the sides (by its ciphertext's fingerprint). */
export interface ConfigSecretChange {
  readonly key: string;
  readonly change: "changed" | "added" | "removed";
}

export interface StackDiff {
  /** The stack's name (the head's; `old→new` when two different stacks are compared). */
  readonly stack: string;
  readonly oldStack: string | null;
  readonly newStack: string | null;
  readonly summary: Readonly<Record<ResourceOp, number>> & { readonly replaces: number; readonly urnChanges: number };
  /** Every resource but the unchanged ones (they are counted in summary). */
  readonly resources: readonly ResourceDiff[];
  readonly policy: PolicyDiff;
  /** Absent when no secret config value differs. A re-encrypted, equal value also shows as changed. */
  readonly configSecrets?: readonly ConfigSecretChange[];
}

export interface PlanDiff {
  readonly kind: typeof diffKind;
  readonly formatVersion: typeof diffFormatVersion;
  /** What was compared: `REF (commit)` and `working tree`, or the two files. */
  readonly old: string;
  readonly new: string;
  /** How resources were matched: by URN (two revisions of a stack) or by logical name (two different stacks). */
  readonly matchBy: "urn" | "name";
  readonly stacks: readonly StackDiff[];
}
