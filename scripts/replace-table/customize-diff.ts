/*
 * What a Terraform resource's CustomizeDiff can force: `d.ForceNew("a.0.b")`, `customdiff.ForceNewIf("a", ...)`
 * and `customdiff.ForceNewIfChange("a", ...)` replace on a field only when a condition the offline plan cannot
 * evaluate holds, so those fields are "conditional" (unknown, never a guess either way); a ForceNew whose field
 * is not a literal, or a CustomizeDiff function whose source is not found, makes the type not complete.
 */
import { closing } from "./go-schema.ts";

export interface Conditional {
  /** Terraform field paths (`settings.ip_configuration.private_network`) forced new under a condition. */
  readonly fields: string[];
  /** What could not be read: the type is not complete. */
  readonly unresolved: string[];
}

/** The body of the function whose source starts at the beginning of `source` (as a resolver returns it). */
export function functionBody(source: string): string {
  const open = source.indexOf("{\n");
  return open < 0 ? source : source.slice(0, closing(source, open));
}

/** The ForceNew calls in Go source. */
export function forceNewCalls(go: string, into: Conditional): void {
  for (const m of go.matchAll(/(?:\.ForceNew|ForceNewIf(?:Change)?)\(\s*([^,)]*)/g)) {
    const arg = (m[1] as string).trim();
    const literal = /^"([\w.]+)"$/.exec(arg)?.[1];
    const field = literal?.replace(/\.\d+(?=\.|$)/g, "");
    if (!field) into.unresolved.push(`ForceNew(${arg.slice(0, 40)})`);
    else if (!into.fields.includes(field)) into.fields.push(field);
  }
}

/**
 * The functions of a CustomizeDiff list (`customdiff.All(a, b, customdiff.ForceNewIfChange("x", f))`, or mmv1's
 * `custom_diff` entries): each one's source is read through `resolve` and its ForceNew calls collected.
 */
export function customizeDiff(entries: readonly string[], resolve: (name: string) => string | undefined, into: Conditional, seen = new Set<string>()): void {
  for (const entry of entries.map((e) => e.trim()).filter(Boolean)) {
    if (/^customdiff\.ForceNewIf/.test(entry)) {
      forceNewCalls(entry, into);
      continue;
    }
    // `customdiff.IfValueChange("f", cond, fn)` and the like: the functions it is given run the diff.
    const wrapper = /^customdiff\.(?:If|IfValue|IfValueChange)\((.*)\)$/s.exec(entry);
    if (wrapper) {
      forceNewCalls(entry, into);
      customizeDiff((wrapper[1] as string).split(",").filter((a) => /^\s*[\w.]+\s*$/.test(a)), resolve, into, seen);
      continue;
    }
    const name = /^([\w.]+)(?:\(.*\))?$/s.exec(entry)?.[1];
    const short = name?.split(".").pop() as string;
    const source = name ? resolve(short) : undefined;
    seen.add(short);
    if (!source) {
      into.unresolved.push(`CustomizeDiff ${entry.slice(0, 60)} not found`);
      continue;
    }
    calls(functionBody(source), resolve, into, seen);
  }
}

/** The ForceNew calls of a function body and of the functions it calls that `resolve` finds, each read once. */
function calls(body: string, resolve: (name: string) => string | undefined, into: Conditional, seen: Set<string>): void {
  forceNewCalls(body.slice(body.indexOf("{")), into);
  for (const m of body.matchAll(/(?<![.\w])([a-zA-Z]\w*)\(/g)) {
    const name = m[1] as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const source = resolve(name);
    if (source?.startsWith("func ")) calls(functionBody(source), resolve, into, seen);
  }
}
