import { createHash } from "node:crypto";

/**
 * A GUID derived from a text, the same on every run: Azure names role definitions and assignments by GUID, and a
 * random one would make every `pulumi up` replace them. Version 5's layout (name-based, SHA-derived).
 */
export function stableGuid(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
