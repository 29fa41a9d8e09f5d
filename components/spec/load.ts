import { UserInputError } from "../../lib/cli/errors.ts";
import { rawSpecSchema } from "./schema.ts";
import { crossCheck, resolveSpec, type SpecPath, type SpecProblem } from "./resolve.ts";
import { cloudProblems } from "./cloud-checks.ts";
import { frontendProblems } from "./frontend-checks.ts";
import { maxStringLength, screenRawValue } from "./raw-limits.ts";
import type { PlatformSpec } from "./platform-spec.ts";

/** The config namespace stratum reads: the Pulumi project's name. */
export const configNamespace = "stratum";

/** More problem lines than this are counted, not printed: a hostile file must not flood the log. */
export const maxProblemLines = 50;

/** Invalid stack config: every problem at once (up to `maxProblemLines`), each naming its full key. Exit code 2. */
export class SpecError extends UserInputError {
  constructor(stack: string, all: readonly string[]) {
    const problems = all.length > maxProblemLines ? [...all.slice(0, maxProblemLines), `…and ${all.length - maxProblemLines} more config problems in stack "${stack}"`] : all;
    super(problems, `stack "${stack}" has ${all.length} config problem${all.length === 1 ? "" : "s"}:\n${problems.join("\n")}`);
    this.name = "SpecError";
  }
}

/**
 * Reads the platform spec from a Pulumi config map as the runtime hands it over (`pulumi.runtime.allConfig()`):
 * keys `namespace:key`, structured values as JSON text, scalars as plain text.
 */
export function specFromConfig(config: Readonly<Record<string, string>>, stack: string): PlatformSpec {
  const entries: [string, unknown][] = [];
  for (const [key, text] of Object.entries(config)) {
    const [namespace, ...rest] = key.split(":");
    if (namespace !== configNamespace) continue;
    entries.push([rest.join(":"), parseConfigValue(text)]);
  }
  // Built with defineProperty semantics (fromEntries), so `stratum:__proto__` is a key like any other, never the
  // object's prototype; keys such as __proto__ and constructor are then reported as unknown and dropped.
  const { value: raw, unsafe, tooDeep, tooLong } = screenRawValue(Object.fromEntries(entries));
  const screened: SpecProblem[] = [
    ...unsafe.map((path) => ({ path, message: unknownKeyMessage })),
    ...tooDeep.map((path) => ({ path, message: "is nested deeper than any setting of the spec" })),
  ];
  // Every problem once per key where two checks see the same thing: the schema's before the cloud's, and the
  // general length cap only where no sharper check (a field's own cap, the cloud's tag limit) names the key.
  const fail = (problems: readonly SpecProblem[]): never => {
    const named = new Set<string>();
    const lines: string[] = [];
    const add = (p: SpecProblem, once: boolean) => {
      const key = formatKey(p.path);
      if (once && named.has(key)) return;
      named.add(key);
      lines.push(`${key}: ${p.message}`);
    };
    screened.forEach((p) => add(p, false));
    problems.forEach((p) => add(p, false));
    tooLong.forEach((t) => add({ path: t.path, message: `got a string of ${t.length} characters, expected at most ${maxStringLength} (no setting of the spec takes more)` }, true));
    throw new SpecError(stack, lines);
  };
  // Without zod's compiled fast path: a spec is parsed once or twice per process, and compiling a parser for each of
  // its object shapes first costs more than it saves (dev-aws: 6.8 ms a parse instead of 12.5; 200 services, 11 ms
  // instead of 19).
  const parsed = rawSpecSchema.safeParse(raw, { reportInput: true, jitless: true });
  if (!parsed.success) {
    const problems: SpecProblem[] = parsed.error.issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? (issue.keys ?? []).map((key) => ({ path: [...(issue.path as SpecPath), key], message: unknownKeyMessage }))
        : [{ path: issue.path as SpecPath, message: describeIssue(issue) }],
    );
    // The cloud's limits too, so one run names every problem; a key the schema already refused is named once.
    const refused = new Set(problems.map((p) => formatKey(p.path)));
    return fail([...problems, ...cloudProblems(raw).filter((p) => !refused.has(formatKey(p.path)))]);
  }
  const problems = [...cloudProblems(parsed.data), ...frontendProblems(parsed.data), ...crossCheck(parsed.data)];
  if (screened.length + problems.length + tooLong.length > 0) fail(problems);
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

const unknownKeyMessage = "unknown key; check the spelling against the schema (stratum.schema.json)";

/**
 * `["web","services",1,"port"]` → `stratum:web.services[1].port`. A key that is not a plain word is printed
 * quoted (`stratum:tags["a b"]`), so a key with a newline or quote in it cannot forge a line of output.
 */
export function formatKey(path: SpecPath): string {
  let key = `${configNamespace}:`;
  path.forEach((part, i) => {
    if (typeof part === "number") key += `[${part}]`;
    else if (!/^[A-Za-z0-9_-]{1,64}$/.test(part)) key += `[${quoted(part)}]`;
    else key += i === 0 ? part : `.${part}`;
  });
  return key;
}

/** A value as JSON, cut to a readable length: one bad value must not make a message megabytes long. */
function quoted(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

interface ZodIssueLike {
  readonly code: string;
  readonly message: string;
  readonly input?: unknown;
  readonly path: readonly PropertyKey[];
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly expected?: string;
  readonly maximum?: number | bigint;
  readonly origin?: string;
  readonly params?: { readonly sentence?: boolean };
}

/** One sentence per problem: the value given and what is allowed. */
function describeIssue(issue: ZodIssueLike): string {
  const given = issue.input === undefined ? "nothing" : quoted(issue.input);
  switch (issue.code) {
    case "custom":
      return issue.params?.sentence ? issue.message : `got ${given}, expected ${issue.message}`;
    case "too_big":
      return issue.origin === "array"
        ? `got ${Array.isArray(issue.input) ? issue.input.length : "too many"} entries, expected at most ${issue.maximum}`
        : `got ${given}, expected at most ${issue.maximum} characters`;
    case "invalid_value":
      return `got ${given}, expected one of ${(issue.values ?? []).map(String).join(", ")}`;
    case "invalid_type":
      if (issue.input === undefined) return `is required (${issue.expected ?? "a value"})`;
      // Ids made of digits (an AWS account, a GCP project number) are strings: unquoted, YAML reads them as numbers.
      if (issue.expected === "string" && typeof issue.input === "number") return `got the number ${given}, expected a string: quote it in the stack file ("${given}"), YAML reads unquoted digits as a number and drops leading zeros`;
      return `got ${given}, expected ${issue.expected ?? "another type"}`;
    default:
      return `got ${given}, expected ${issue.message.replace(/^Invalid input: /, "")}`;
  }
}
