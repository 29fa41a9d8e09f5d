/*
 * Policy waivers. The scan gate's waivers (lib/waivers/, another branch) use the same file shape and field names;
 * the two are to be unified on merge. Until then this module loads and matches policy waivers on its own.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { UserInputError } from "../lib/cli/errors.ts";

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export const waiverSchema = z.strictObject({
  /** The rule id the waiver applies to. */
  id: z.string().min(1),
  /** URN glob: `*` matches any run of characters. */
  urn: z.string().min(1),
  reason: z.string().min(1),
  approver: z.string().min(1),
  /** Last day the waiver holds (UTC), YYYY-MM-DD. */
  expires: z.string().regex(datePattern, "a date YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "a real calendar date"),
});

export interface Waiver extends z.infer<typeof waiverSchema> {
  /** The file and 1-based entry number, to name in messages. */
  readonly source: string;
  readonly entry: number;
}

/**
 * Reads `waivers: [...]` from a YAML file. A malformed file or entry, or one naming a rule that does not exist,
 * is bad input naming the file and entry.
 */
export function loadWaivers(path: string, knownRules: readonly string[]): Waiver[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UserInputError(`${path}: cannot read waivers (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseWaivers(text, path, knownRules);
}

export function parseWaivers(text: string, source: string, knownRules: readonly string[]): Waiver[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new UserInputError(`${source}: not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
  const list = (document as { waivers?: unknown } | null)?.waivers;
  if (document === null || list === null) return [];
  if (!Array.isArray(list)) throw new UserInputError(`${source}: expected a top-level "waivers:" list`);
  const problems: string[] = [];
  const waivers: Waiver[] = [];
  list.forEach((raw, index) => {
    const entry = index + 1;
    const parsed = waiverSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${source}: waiver ${entry}${describe(raw)}: ${issue.path.join(".") || "entry"}: ${issue.message}`);
      return;
    }
    if (!knownRules.includes(parsed.data.id)) {
      problems.push(`${source}: waiver ${entry}${describe(raw)}: unknown rule id "${parsed.data.id}"; expected one of ${knownRules.join(", ")}`);
      return;
    }
    waivers.push({ ...parsed.data, source, entry });
  });
  if (problems.length > 0) throw new UserInputError(problems);
  return waivers;
}

function describe(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === "string" ? ` (${id})` : "";
}

/** True when the waiver's last day is before `today` (compared as UTC dates). */
export function isExpired(waiver: Waiver, today: Date): boolean {
  return waiver.expires < today.toISOString().slice(0, 10);
}

export function urnMatches(pattern: string, urn: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(urn);
}

/** The first unexpired waiver for this rule and URN. */
export function findWaiver(waivers: readonly Waiver[], rule: string, urn: string, today: Date): Waiver | undefined {
  return waivers.find((w) => w.id === rule && !isExpired(w, today) && urnMatches(w.urn, urn));
}
