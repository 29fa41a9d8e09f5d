import type { SpecPath } from "./resolve.ts";

/**
 * Keys that name an object's own machinery rather than a setting. A spec value with one of them (at any depth,
 * e.g. `stratum:__proto__` or `tags: { constructor: x }`) could otherwise reach an object's prototype when the
 * value is copied; they are reported as unknown keys and never assigned.
 */
const unsafeKeys = new Set(["__proto__", "constructor", "prototype"]);

export interface Cleaned {
  readonly value: Record<string, unknown>;
  /** Where each unsafe key was, e.g. ["tags", "__proto__"]. */
  readonly unsafe: SpecPath[];
  /** Values nested deeper than any spec needs (cut off there, so a hostile file cannot exhaust the stack). */
  readonly tooDeep: SpecPath[];
}

/** The spec's deepest value is 5 levels down (web.services[0].dataAccess.lake.zone); 16 leaves room. */
const maxDepth = 16;

export function withoutUnsafeKeys(root: Record<string, unknown>): Cleaned {
  const unsafe: SpecPath[] = [];
  const tooDeep: SpecPath[] = [];
  const clean = (value: unknown, path: SpecPath): unknown => {
    if (path.length > maxDepth && typeof value === "object" && value !== null) {
      tooDeep.push(path);
      return null;
    }
    if (Array.isArray(value)) return value.map((item, i) => clean(item, [...path, i]));
    if (typeof value !== "object" || value === null) return value;
    const entries: [string, unknown][] = [];
    for (const [key, child] of Object.entries(value)) {
      if (unsafeKeys.has(key)) unsafe.push([...path, key]);
      else entries.push([key, clean(child, [...path, key])]);
    }
    return Object.fromEntries(entries);
  };
  return { value: clean(root, []) as Record<string, unknown>, unsafe, tooDeep };
}
