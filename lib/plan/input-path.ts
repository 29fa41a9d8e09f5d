/*
 * Input paths, as plans record secrets' places and the plan diff prints changes: `spec.replicas`,
 * `tags["team.name"]`, `ingress[0].cidrBlocks`. Kept apart from the recorder so the diff loads no Pulumi SDK.
 */

/** Input paths as the plan diff prints them: `spec.replicas`, `tags["team.name"]`, `ingress[0].cidrBlocks`. */
export function joinPath(path: string, key: string): string {
  const segment = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return segment.startsWith('"') ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment;
}

/** The keys of a path made by joinPath, in order: `ingress[0].cidrBlocks` → `["ingress", 0, "cidrBlocks"]`. */
export function pathKeys(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : (m[3] as string)));
}

/** The value at a path made by joinPath; undefined when any step is missing. */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of pathKeys(path)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
