import { createHash } from "node:crypto";

/**
 * A GUID Azure would assign (a principal id, an assignment's name), for the offline plan: derived from what it
 * names, so the same plan comes out plan after plan, and marked by its `0ff11e00` prefix as no real object's.
 */
export function placeholderGuid(of: string): string {
  const h = createHash("sha256").update(of).digest("hex");
  return `0ff11e00-${h.slice(0, 4)}-4${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10, 22)}`;
}
