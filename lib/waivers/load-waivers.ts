import { parse as parseYaml } from "yaml";
import { UserInputError } from "../cli/errors.ts";
import { isJsonObject, readInputFile } from "../fs/read-input.ts";
import { utcToday } from "./match.ts";
import { defaultMaxExpiryDays, maxExpiryDaysLimit, waiverFileSchema, waiverSchema, type Waiver } from "./waiver.ts";

export interface WaiverLoadOptions {
  /** Today as `YYYY-MM-DD` (UTC), the day the expiry cap counts from; injectable so tests need no clock. */
  readonly today?: string;
}

/**
 * Reads a waivers file (YAML, top-level `waivers: [...]`). Every malformed entry is reported at once, each
 * naming the file, the entry's index and key, so a reviewer fixes the file in one pass; any problem is exit 2.
 * A relative `file` is taken from the process's working directory.
 */
export async function loadWaivers(file: string, options: WaiverLoadOptions = {}): Promise<Waiver[]> {
  return parseWaiverText(await readInputFile(process.cwd(), file, "--waivers"), file, options);
}

/**
 * Parses a waivers file's text. An empty file, or `waivers:` with nothing under it, waives nothing; anything else
 * must be a valid waivers document.
 */
export function parseWaiverText(text: string, file: string, options: WaiverLoadOptions = {}): Waiver[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UserInputError(`${file}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (document === null || document === undefined || (isJsonObject(document) && document.waivers === null)) return [];
  return parseWaivers(document, file, options);
}

/**
 * Validates an already parsed waivers document; `file` only names the source in messages. Beyond each entry's
 * shape, the file as a whole must hold no two waivers for the same finding, and no expiry past the cap.
 */
export function parseWaivers(document: unknown, file: string, options: WaiverLoadOptions = {}): Waiver[] {
  const top = waiverFileSchema.safeParse(document);
  if (!top.success) {
    const cap = isJsonObject(document) && "maxExpiryDays" in document;
    throw new UserInputError(
      cap && Array.isArray(document.waivers)
        ? `${file}: maxExpiryDays: ${JSON.stringify(document.maxExpiryDays)} is not a whole number of days from 1 to ${maxExpiryDaysLimit}`
        : `${file}: expected a top-level "waivers:" list (and optionally maxExpiryDays) and nothing else`,
    );
  }
  const problems: string[] = [];
  const waivers: Indexed[] = [];
  top.data.waivers.forEach((entry, index) => {
    const parsed = waiverSchema.safeParse(entry, { reportInput: true });
    if (parsed.success) {
      waivers.push([parsed.data, index]);
      return;
    }
    for (const issue of parsed.error.issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
      const where = keys.filter((k) => k !== "").map((k) => `.${k}`).join(", ");
      problems.push(`${file}: waivers[${index}]${where}: ${describe(issue)}`);
    }
  });
  problems.push(...duplicates(waivers, file), ...beyondCap(waivers, file, top.data.maxExpiryDays ?? defaultMaxExpiryDays, options.today ?? utcToday()));
  if (problems.length > 0) throw new UserInputError(problems);
  return waivers.map(([waiver]) => waiver);
}

/** A parsed waiver and its index in the file's list, to name in messages. */
type Indexed = readonly [Waiver, number];

/** What a waiver covers: its id and matchers. Two entries covering the same thing would let the gates pick different ones. */
function scopeOf(waiver: Waiver): string {
  return JSON.stringify([waiver.id, waiver.package ?? null, waiver.image ?? null, waiver.urn ?? null]);
}

/**
 * Two entries with the same id and the same matchers (package, image, urn) are one waiver written twice, with
 * possibly different expiries or approvers: which one holds would depend on the reader. Both are named.
 */
function duplicates(waivers: readonly Indexed[], file: string): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  for (const [waiver, index] of waivers) {
    const scope = scopeOf(waiver);
    const earlier = first.get(scope);
    if (earlier === undefined) first.set(scope, index);
    else problems.push(`${file}: waivers[${earlier}] and waivers[${index}]: duplicate waiver for ${describeScope(waiver)}; keep one entry`);
  }
  return problems;
}

function describeScope(waiver: Waiver): string {
  const matchers = (["package", "image", "urn"] as const).filter((k) => waiver[k] !== undefined).map((k) => `${k} ${waiver[k]}`);
  return `id ${waiver.id}${matchers.length > 0 ? ` (${matchers.join(", ")})` : ""}`;
}

function beyondCap(waivers: readonly Indexed[], file: string, maxDays: number, today: string): string[] {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + maxDays);
  const last = limit.toISOString().slice(0, 10);
  return waivers
    .filter(([w]) => w.expires > last)
    .map(([w, index]) => `${file}: waivers[${index}].expires: ${w.expires} is more than ${maxDays} days after today (${today}); expected ${last} or earlier (the cap is maxExpiryDays, default ${defaultMaxExpiryDays}, at most ${maxExpiryDaysLimit})`);
}

function describe(issue: { code: string; message: string; input?: unknown }): string {
  if (issue.code === "unrecognized_keys") return "unknown key (a waiver has id, reason, approver, expires, package, image, urn)";
  if (issue.code === "invalid_type" && issue.input === undefined) return "missing (required)";
  return issue.message;
}
