import { UserInputError } from "../../lib/cli/errors.ts";
import { rawSpecSchema } from "./schema.ts";
import { crossCheck, resolveSpec, type SpecPath, type SpecProblem } from "./resolve.ts";
import type { PlatformSpec } from "./platform-spec.ts";

/** The config namespace stratum reads: the Pulumi project's name. */
export const configNamespace = "stratum";

/** Invalid stack config: every problem at once, each naming its full key. Exit code 2. */
export class SpecError extends UserInputError {
  constructor(stack: string, problems: readonly string[]) {
    super(problems, `stack "${stack}" has ${problems.length} config problem${problems.length === 1 ? "" : "s"}:\n${problems.join("\n")}`);
    this.name = "SpecError";
  }
}

/**
 * Reads the platform spec from a Pulumi config map as the runtime hands it over (`pulumi.runtime.allConfig()`):
 * keys `namespace:key`, structured values as JSON text, scalars as plain text.
 */
export function specFromConfig(config: Readonly<Record<string, string>>, stack: string): PlatformSpec {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, text] of Object.entries(config)) {
    const [namespace, ...rest] = key.split(":");
    if (namespace !== configNamespace) continue;
    const name = rest.join(":");
    raw[name] = parseConfigValue(text);
  }
  const parsed = rawSpecSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(formatProblem(issue.path as SpecPath, describeIssue(issue)));
    throw new SpecError(stack, problems);
  }
  const crossProblems = crossCheck(parsed.data);
  if (crossProblems.length > 0) throw new SpecError(stack, crossProblems.map((p: SpecProblem) => formatProblem(p.path, p.message)));
  return resolveSpec(parsed.data, stack);
}

/** Structured config arrives as JSON text; a plain scalar that is not JSON stays the string it was. */
function parseConfigValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

/** `["web","services",1,"port"]` → `stratum:web.services[1].port`. */
export function formatKey(path: SpecPath): string {
  let key = `${configNamespace}:`;
  path.forEach((part, i) => {
    if (typeof part === "number") key += `[${part}]`;
    else key += i === 0 ? part : `.${part}`;
  });
  return key;
}

function formatProblem(path: SpecPath, message: string): string {
  return `${formatKey(path)}: ${message}`;
}

interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly input?: unknown;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
}

/** One sentence per problem: the value given and what is allowed. */
function describeIssue(issue: ZodIssueLike): string {
  const given = issue.input === undefined ? "nothing" : JSON.stringify(issue.input);
  switch (issue.code) {
    case "invalid_value":
      return `got ${given}, expected one of ${(issue.values ?? []).map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown key${(issue.keys ?? []).length === 1 ? "" : "s"} ${(issue.keys ?? []).map((k) => `"${k}"`).join(", ")}; check the spelling against the schema (stratum.schema.json)`;
    case "invalid_type":
      return issue.input === undefined ? `is required (${issue.expected ?? "a value"})` : `got ${given}, expected ${issue.expected ?? "another type"}`;
    default:
      return `got ${given}, expected ${issue.message.replace(/^Invalid input: /, "")}`;
  }
}
