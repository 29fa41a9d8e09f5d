import { createHash } from "node:crypto";

/**
 * A Vertex AI endpoint's id must be numeric, at most 10 digits, without a leading zero. Derived from the endpoint's
 * stack-unique name, so it is known at plan time (the deploy workflow and the endpoint's IAM binding name it) and
 * stable across runs: 1,000,000,000 plus the first 32 bits of the name's SHA-256.
 */
export function vertexEndpointId(name: string): string {
  const bits = createHash("sha256").update(name).digest().readUInt32BE(0);
  return String(1_000_000_000 + bits);
}
