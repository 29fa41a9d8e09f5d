import { UserInputError } from "../../cli/errors.ts";
import { diffFormatVersion, diffKind, type PlanDiff } from "./diff-model.ts";

/*
 * The plan diff read as untrusted data: a fork's pull request made it, so every field is checked against the
 * format (diff-model.ts) before anything renders it: known keys only, each of its type, strings of bounded length
 * and of a safe alphabet where they reach Markdown or Mermaid as names, arrays and values of bounded size.
 * One problem is enough to refuse the whole file; it names the field and what was expected.
 */

export const diffLimits = { bytes: 8 * 1024 * 1024, stacks: 64, resources: 20_000, changes: 2_000, violations: 5_000, controls: 2_000, text: 4_096, value: 16_384 } as const;

/** Names, types, URNs and paths: what the comment prints in code spans, tables and Mermaid labels. */
const safeName = /^[A-Za-z0-9 _.:/$@\[\]"*+=,~()#\u2192-]*$/;
const ops = ["create", "delete", "update", "unchanged"];
const verdicts = ["replaces", "in-place", "unknown"];

type Json = Record<string, unknown>;

class Problem extends Error {}

function fail(at: string, expected: string): never {
  throw new Problem(`${at}: expected ${expected}`);
}

function object(value: unknown, at: string, required: readonly string[], optional: readonly string[] = []): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(at, "an object");
  const keys = Object.keys(value);
  const unknown = keys.filter((k) => !required.includes(k) && !optional.includes(k));
  if (unknown.length > 0) fail(`${at}.${unknown[0]}`, `no such field (fields: ${[...required, ...optional].join(", ")})`);
  for (const k of required) if (!(k in value)) fail(`${at}.${k}`, "the field (it is missing)");
  return value as Json;
}

/** Free text (messages, sources) may hold any printable character; the comment renders it inert. */
function text(value: unknown, at: string, pattern?: RegExp): string {
  if (typeof value !== "string" || value.length > diffLimits.text || /[\u0000-\u001f\u007f]/.test(value)) fail(at, `a string of at most ${diffLimits.text} characters without control characters`);
  if (pattern && !pattern.test(value)) fail(at, `a name of letters, digits and ${"_.:/$@[]\"*+=,~()#-"} only`);
  return value;
}

function oneOf(value: unknown, at: string, choices: readonly string[]): string {
  if (typeof value !== "string" || !choices.includes(value)) fail(at, `one of ${choices.join(", ")}`);
  return value;
}

function count(value: unknown, at: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 10_000_000) fail(at, "a whole number");
  return value;
}

function list(value: unknown, at: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length > max) fail(at, `a list of at most ${max} entries`);
  return value;
}

function jsonValue(value: unknown, at: string): void {
  if (JSON.stringify(value ?? null).length > diffLimits.value) fail(at, `a value of at most ${diffLimits.value} characters as JSON`);
}

function violation(value: unknown, at: string): void {
  const v = object(value, at, ["rule", "urn", "message", "enforcement", "waived"]);
  text(v.rule, `${at}.rule`, safeName);
  text(v.urn, `${at}.urn`, safeName);
  text(v.message, `${at}.message`);
  oneOf(v.enforcement, `${at}.enforcement`, ["mandatory", "advisory"]);
  if (typeof v.waived !== "boolean") fail(`${at}.waived`, "true or false");
}

function resource(value: unknown, at: string): void {
  const r = object(value, at, ["op", "urn", "type", "name", "parent"], ["changes", "urnChange", "replace"]);
  oneOf(r.op, `${at}.op`, ops);
  for (const k of ["urn", "type", "name"]) text(r[k], `${at}.${k}`, safeName);
  if (r.parent !== null) text(r.parent, `${at}.parent`, safeName);
  if (r.replace !== undefined) oneOf(r.replace, `${at}.replace`, verdicts);
  if (r.urnChange !== undefined) {
    const u = object(r.urnChange, `${at}.urnChange`, ["oldUrn", "reason", "aliasSuggestion"]);
    text(u.oldUrn, `${at}.urnChange.oldUrn`, safeName);
    oneOf(u.reason, `${at}.urnChange.reason`, ["renamed", "new parent"]);
    text(u.aliasSuggestion, `${at}.urnChange.aliasSuggestion`);
  }
  if (r.changes !== undefined) {
    for (const [i, raw] of list(r.changes, `${at}.changes`, diffLimits.changes).entries()) {
      const c = object(raw, `${at}.changes[${i}]`, ["path", "replace", "replaceSource"], ["old", "new", "secret", "secretChange"]);
      text(c.path, `${at}.changes[${i}].path`, safeName);
      oneOf(c.replace, `${at}.changes[${i}].replace`, verdicts);
      text(c.replaceSource, `${at}.changes[${i}].replaceSource`);
      jsonValue(c.old, `${at}.changes[${i}].old`);
      jsonValue(c.new, `${at}.changes[${i}].new`);
      if (c.secret !== undefined && c.secret !== true) fail(`${at}.changes[${i}].secret`, "true or absent");
      if (c.secretChange !== undefined) oneOf(c.secretChange, `${at}.changes[${i}].secretChange`, ["changed", "unknown"]);
      // A secret is never in a diff: the placeholder on both sides.
      if (c.secret === true && ((c.old !== undefined && c.old !== "[secret]") || (c.new !== undefined && c.new !== "[secret]"))) fail(`${at}.changes[${i}]`, 'a secret shown as "[secret]" on both sides');
    }
  }
}

function stack(value: unknown, at: string): void {
  const s = object(value, at, ["stack", "oldStack", "newStack", "summary", "resources", "policy"], ["configSecrets"]);
  if (s.configSecrets !== undefined) {
    for (const [i, raw] of list(s.configSecrets, `${at}.configSecrets`, diffLimits.controls).entries()) {
      const c = object(raw, `${at}.configSecrets[${i}]`, ["key", "change"]);
      text(c.key, `${at}.configSecrets[${i}].key`, safeName);
      oneOf(c.change, `${at}.configSecrets[${i}].change`, ["changed", "added", "removed"]);
    }
  }
  text(s.stack, `${at}.stack`, safeName);
  for (const k of ["oldStack", "newStack"]) if (s[k] !== null) text(s[k], `${at}.${k}`, safeName);
  const summary = object(s.summary, `${at}.summary`, ["create", "delete", "update", "unchanged", "replaces", "urnChanges"]);
  for (const [k, v] of Object.entries(summary)) count(v, `${at}.summary.${k}`);
  for (const [i, r] of list(s.resources, `${at}.resources`, diffLimits.resources).entries()) resource(r, `${at}.resources[${i}]`);
  const p = object(s.policy, `${at}.policy`, ["introduced", "fixed", "unchanged", "controls"]);
  for (const k of ["introduced", "fixed", "unchanged"]) for (const [i, v] of list(p[k], `${at}.policy.${k}`, diffLimits.violations).entries()) violation(v, `${at}.policy.${k}[${i}]`);
  for (const [i, raw] of list(p.controls, `${at}.policy.controls`, diffLimits.controls).entries()) {
    const c = object(raw, `${at}.policy.controls[${i}]`, ["framework", "control"], ["old", "new"]);
    text(c.framework, `${at}.policy.controls[${i}].framework`, safeName);
    text(c.control, `${at}.policy.controls[${i}].control`, safeName);
    for (const k of ["old", "new"]) if (c[k] !== undefined) oneOf(c[k], `${at}.policy.controls[${i}].${k}`, ["pass", "violated", "waived"]);
  }
}

/** Parses and checks a plan diff's text; bad input (exit 2) naming the file and the first field that is wrong. */
export function validateDiff(file: string, raw: string): PlanDiff {
  if (Buffer.byteLength(raw) > diffLimits.bytes) throw new UserInputError(`${file}: ${Buffer.byteLength(raw)} bytes; a plan diff is at most ${diffLimits.bytes}`);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new UserInputError(`${file}: not JSON; expected a plan diff (stratum plan diff --format json)`);
  }
  try {
    const d = object(data, "diff", ["kind", "formatVersion", "old", "new", "matchBy", "stacks"]);
    if (d.kind !== diffKind) fail("diff.kind", `"${diffKind}"`);
    if (d.formatVersion !== diffFormatVersion) fail("diff.formatVersion", String(diffFormatVersion));
    text(d.old, "diff.old", safeName);
    text(d.new, "diff.new", safeName);
    oneOf(d.matchBy, "diff.matchBy", ["urn", "name"]);
    for (const [i, s] of list(d.stacks, "diff.stacks", diffLimits.stacks).entries()) stack(s, `diff.stacks[${i}]`);
  } catch (error) {
    if (error instanceof Problem) throw new UserInputError(`${file}: ${error.message}`);
    throw error;
  }
  return data as PlanDiff;
}

/** True for a parsed file that claims to be a plan diff (then validateDiff decides whether it is one). */
export function looksLikeDiff(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as Json).kind === diffKind;
}
