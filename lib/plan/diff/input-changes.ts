import { secretPlaceholder } from "../model.ts";
import { joinPath } from "../input-path.ts";
import type { InputChange } from "./diff-model.ts";
import { replaceVerdict } from "./replace-tables.ts";

interface Side {
  readonly inputs: Readonly<Record<string, unknown>>;
  /** The plan's secret fingerprints by input path; undefined when the plan carries none (an older format). */
  readonly fingerprints: Readonly<Record<string, string>> | undefined;
}

/**
 * Every input that differs between two versions of one resource, as leaf paths: objects are compared key by key,
 * arrays of equal length index by index (a longer or shorter array is one change of the whole array, so an
 * insertion is not read as every later element changing). Secrets are compared by fingerprint, never by value.
 */
export function inputChanges(type: string, old: Side, next: Side): InputChange[] {
  const changes: InputChange[] = [];
  walk(old.inputs, next.inputs, "", (path, before, after) => {
    const verdict = replaceVerdict(type, path);
    const base = { path, replace: verdict.replace, replaceSource: verdict.source };
    if (hasSecret(before) || hasSecret(after)) {
      const secretChange = secretChanged(path, before, after, old, next);
      if (secretChange === "same") return;
      changes.push({ ...base, ...(before === undefined ? {} : { old: secretPlaceholder }), ...(after === undefined ? {} : { new: secretPlaceholder }), secret: true, secretChange });
      return;
    }
    changes.push({ ...base, ...(before === undefined ? {} : { old: before }), ...(after === undefined ? {} : { new: after }) });
  });
  return changes;
}

type Visit = (path: string, before: unknown, after: unknown) => void;

function walk(before: unknown, after: unknown, path: string, visit: Visit): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) walk(before[key], after[key], joinPath(path, key), visit);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((item, i) => walk(item, after[i], `${path}[${i}]`, visit));
    return;
  }
  // Both secrets: equal text, but the values behind them may differ; the fingerprints decide.
  if (before === secretPlaceholder && after === secretPlaceholder) {
    visit(path, before, after);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) visit(path, before, after);
}

/** "same" when both sides hold the same secrets; "unknown" when a fingerprint is missing on a side. */
function secretChanged(path: string, before: unknown, after: unknown, old: Side, next: Side): "same" | "changed" | "unknown" {
  if (before === undefined || after === undefined) return "changed";
  // The plain parts differ (secrets print alike): changed, whatever the secrets hold.
  if (JSON.stringify(before) !== JSON.stringify(after)) return "changed";
  if (!old.fingerprints || !next.fingerprints) return "unknown";
  const under = (prints: Readonly<Record<string, string>>) => Object.entries(prints).filter(([p]) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)).sort().join();
  const a = under(old.fingerprints);
  const b = under(next.fingerprints);
  if (a === "" || b === "") return "unknown";
  return a === b ? "same" : "changed";
}

function hasSecret(value: unknown): boolean {
  if (value === secretPlaceholder) return true;
  if (Array.isArray(value)) return value.some(hasSecret);
  return isRecord(value) && Object.values(value).some(hasSecret);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
