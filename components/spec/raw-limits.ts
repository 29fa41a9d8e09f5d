import type { SpecPath } from "./resolve.ts";

/*
 * Limits on the raw config, checked before the schema: what no setting of the spec ever needs, whatever the key.
 */

/**
 * Keys that name an object's own machinery rather than a setting. A spec value with one of them (at any depth,
 * e.g. `stratum:__proto__` or `tags: { constructor: x }`) could otherwise reach an object's prototype when the
 * value is copied; they are reported as unknown keys and never assigned.
 */
const unsafeKeys = new Set(["__proto__", "constructor", "prototype"]);

/**
 * The longest string any setting takes (paths and arguments are capped at 1024, tags at the cloud's limits): a
 * backstop, so that no single value, under any key, can make a plan report or a message grow without bound.
 */
export const maxStringLength = 4096;

export interface Screened {
  readonly value: Record<string, unknown>;
  /** Where each unsafe key was, e.g. ["tags", "__proto__"]. */
  readonly unsafe: SpecPath[];
  /** Values nested deeper than any spec needs (cut off there, so a hostile file cannot exhaust the stack). */
  readonly tooDeep: SpecPath[];
  /** Strings longer than `maxStringLength`, and their lengths. */
  readonly tooLong: { readonly path: SpecPath; readonly length: number }[];
}

/** The spec's deepest value is 5 levels down (web.services[0].dataAccess.lake.zone); 16 leaves room. */
const maxDepth = 16;

export function screenRawValue(root: Record<string, unknown>): Screened {
  const unsafe: SpecPath[] = [];
  const tooDeep: SpecPath[] = [];
  const tooLong: Screened["tooLong"] = [];
  const clean = (value: unknown, path: SpecPath): unknown => {
    if (typeof value === "string" && value.length > maxStringLength) tooLong.push({ path, length: value.length });
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
  return { value: clean(root, []) as Record<string, unknown>, unsafe, tooDeep, tooLong };
}
