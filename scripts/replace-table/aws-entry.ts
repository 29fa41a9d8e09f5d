/*
 * One type's entry of the hand transcription of terraform-provider-aws (aws-transcription.json) turned into its
 * table entry: the Pulumi paths it replaces on and whether the type is complete. Pure, so the rule for "complete"
 * is tested apart from the SDK and the files it was read from.
 */
import type { TypeSource } from "../../lib/plan/diff/replace-tables.ts";

export interface Entry {
  readonly path: string;
  /** The commit the file store reports for the version read; absent when only `storedId` is known. */
  readonly commit?: string;
  readonly storedId?: string;
  readonly forceNew: readonly string[];
  readonly conditional?: readonly string[];
  /** The schema's top-level arguments as read, compared with the SDK's inputs. */
  readonly arguments?: readonly string[];
  /** The schema and every function that can force a new resource (CustomizeDiff, ModifyPlan) were read. */
  readonly whole?: boolean;
  readonly note?: string;
}

/** The terraform-provider-aws commit the SDK bridges, when it is known (`null` in the transcription otherwise). */
export interface Bridged {
  readonly sdk: string;
  readonly commit: string | null;
  readonly found: string;
}

export interface Derived {
  /** Pulumi paths of `conditional` (and the provider's `.region`), already named through the SDK. */
  readonly conditional: readonly string[];
  /** Terraform paths the SDK has no input for. */
  readonly missing: readonly string[];
  /** The top-level comparison with the SDK's inputs; absent when the entry lists no arguments. */
  readonly compared?: { readonly sdkOnly: readonly string[]; readonly fileOnly: readonly string[] };
}

/**
 * A type is complete (every input it does not list updates in place) only when all of this holds: its file was
 * read whole, at the commit the SDK bridges, its arguments are exactly the SDK's inputs, and every path it lists
 * is an input. Anything less leaves its unlisted inputs unknown, and the note says which condition failed.
 */
export function typeSource(entry: Entry, bridged: Bridged, derived: Derived): TypeSource {
  const why: string[] = [];
  if (!entry.whole) why.push("not read whole");
  if (!bridged.commit) why.push(`the terraform-provider-aws commit ${bridged.sdk} bridges is not known`);
  else if (entry.commit !== bridged.commit) why.push(`read at ${entry.commit ? entry.commit.slice(0, 12) : `stored version ${entry.storedId}`}, not at the bridged ${bridged.commit.slice(0, 12)}`);
  if (!entry.arguments) why.push("its arguments were not listed to compare with the SDK's inputs");
  else if (derived.compared) {
    const { sdkOnly, fileOnly } = derived.compared;
    if (sdkOnly.length) why.push(`${bridged.sdk} has inputs this version does not declare (${sdkOnly.join(", ")}): the file is older than the bridged version`);
    if (fileOnly.length) why.push(`this version declares arguments ${bridged.sdk} does not have (${fileOnly.join(", ")})`);
  }
  if (derived.missing.length) why.push(`not inputs of ${bridged.sdk}: ${derived.missing.join(", ")}`);
  const complete = why.length === 0;
  const where = entry.commit ? [] : [`file store version ${entry.storedId}, whose commit the store does not report`];
  const note = [...(complete ? [] : [`not complete: ${why.join("; ")}`]), ...(entry.note ? [entry.note] : []), ...where].join("; ");
  return {
    path: entry.path,
    ...(entry.commit ? { commit: entry.commit } : {}),
    complete,
    ...(derived.conditional.length ? { conditional: derived.conditional } : {}),
    ...(note ? { note } : {}),
  };
}
