import { parse as parseYaml } from "yaml";
import { UserInputError } from "../cli/errors.ts";
import { isJsonObject, readInputFile } from "../fs/read-input.ts";
import { waiverFileSchema, waiverSchema, type Waiver } from "./waiver.ts";

/**
 * Reads a waivers file (YAML, top-level `waivers: [...]`). Every malformed entry is reported at once, each
 * naming the file, the entry's index and key, so a reviewer fixes the file in one pass; any problem is exit 2.
 * A relative `file` is taken from the process's working directory.
 */
export async function loadWaivers(file: string): Promise<Waiver[]> {
  return parseWaiverText(await readInputFile(process.cwd(), file, "--waivers"), file);
}

/**
 * Parses a waivers file's text. An empty file, or `waivers:` with nothing under it, waives nothing; anything else
 * must be a valid waivers document.
 */
export function parseWaiverText(text: string, file: string): Waiver[] {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UserInputError(`${file}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (document === null || document === undefined || (isJsonObject(document) && document.waivers === null)) return [];
  return parseWaivers(document, file);
}

/** Validates an already parsed waivers document; `file` only names the source in messages. */
export function parseWaivers(document: unknown, file: string): Waiver[] {
  const top = waiverFileSchema.safeParse(document);
  if (!top.success) throw new UserInputError(`${file}: expected a top-level "waivers:" list and nothing else`);
  const problems: string[] = [];
  const waivers: Waiver[] = [];
  top.data.waivers.forEach((entry, index) => {
    const parsed = waiverSchema.safeParse(entry, { reportInput: true });
    if (parsed.success) {
      waivers.push(parsed.data);
      return;
    }
    for (const issue of parsed.error.issues) {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".")];
      const where = keys.filter((k) => k !== "").map((k) => `.${k}`).join(", ");
      problems.push(`${file}: waivers[${index}]${where}: ${describe(issue)}`);
    }
  });
  if (problems.length > 0) throw new UserInputError(problems);
  return waivers;
}

function describe(issue: { code: string; message: string; input?: unknown }): string {
  if (issue.code === "unrecognized_keys") return "unknown key (a waiver has id, reason, approver, expires, package, image, urn)";
  if (issue.code === "invalid_type" && issue.input === undefined) return "missing (required)";
  return issue.message;
}
