import type { Waiver } from "../../policy/waivers.ts";

/** What plan-pool.ts sends a plan worker: one stack to plan, with what the command resolved for it. */
export interface WorkerRequest {
  readonly stack: string;
  readonly waivers: readonly Waiver[];
  /** The plan outputs of the stack's base stack, when it is a review stack (see stack-references.ts). */
  readonly stackReferences: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A plan worker's answer: the report's JSON, bad input (exit 2, as in one process), or any other failure. */
export type WorkerAnswer =
  | { readonly kind: "planned"; readonly stack: string; readonly json: string }
  | { readonly kind: "bad-input"; readonly stack: string; readonly problems: readonly string[] }
  | { readonly kind: "failed"; readonly stack: string; readonly error: string };
