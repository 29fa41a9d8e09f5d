/** Small readers for resource inputs, which arrive as untyped JSON (plan JSON, preview JSON or CrossGuard props). */

/** Reads a dotted path such as `settings.ipConfiguration.ipv4Enabled` or `containers.0.image`. */
export function get(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A non-empty value: a key reference, a name. Secrets ("[secret]") count as set. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);
}

/** IAM policy documents arrive as JSON text (AWS SDK inputs) or as objects; either way, return the statements. */
export function policyStatements(document: unknown): Record<string, unknown>[] {
  let parsed = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch {
      return [];
    }
  }
  return asArray(asRecord(parsed).Statement).map(asRecord);
}

/**
 * True when `reference` points at `resource`. A reference may be the resource's logical name, its URN, or the
 * physical name it was given (`bucket`, `name`): under Pulumi's mocks an id equals the name, and in the offline
 * plan a referenced value is often the referenced resource's own input.
 */
export function refersTo(reference: unknown, resource: { readonly urn: string; readonly name: string; readonly inputs: Readonly<Record<string, unknown>> }): boolean {
  if (typeof reference !== "string" || reference === "") return false;
  const physical = ["bucket", "name", "id", "arn", "accountName", "serverName", "virtualNetworkName", "vaultName"].map((key) => resource.inputs[key]);
  const candidates = [resource.name, resource.urn, ...physical];
  return candidates.some((c) => typeof c === "string" && (c === reference || reference.endsWith(`:${c}`) || reference.endsWith(`/${c}`)));
}

/** The stack's own URN, derived from any resource URN (`urn:pulumi:STACK::PROJECT::...`). */
export function stackUrn(resources: readonly { readonly urn: string }[], stack: string): string {
  const first = resources[0]?.urn;
  const match = first?.match(/^urn:pulumi:([^:]+)::([^:]+)::/);
  return match ? `urn:pulumi:${match[1]}::${match[2]}::pulumi:pulumi:Stack::${match[2]}-${match[1]}` : `urn:pulumi:${stack}::stratum::pulumi:pulumi:Stack::stratum-${stack}`;
}
