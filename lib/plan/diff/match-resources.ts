import type { PlanResource } from "../model.ts";
import { urnName } from "../urn.ts";

/** A resource of the old plan and the one it became in the new plan; either side is absent for creates and deletes. */
export interface Pair {
  readonly old?: PlanResource;
  readonly new?: PlanResource;
  /** Set when the two were matched although their URNs differ. */
  readonly urnChange?: "renamed" | "new parent";
}

/**
 * Pairs the resources of two plans. Two revisions of one stack: by URN, then each resource left over is matched
 * to one of the same type and logical name under another parent (a new parent), or, a renamed component's
 * children, by its name with the component's old name replaced by the new one. Two different stacks (dev and
 * prod): by type and logical name, since every URN differs by its stack, with each side's environment name in
 * the logical name read as the same word (`acme-dev-orders` and `acme-prod-orders` are one database).
 */
export function matchResources(old: readonly PlanResource[], next: readonly PlanResource[], by: "urn" | "name", environments: { readonly old: string; readonly new: string } = { old: "", new: "" }): Pair[] {
  const pairs: Pair[] = [];
  const key = (r: PlanResource, env: string) => (by === "urn" ? r.urn : `${r.type}::${sameAcrossStacks(r.name, env)}`);
  const newByKey = new Map(next.map((r) => [key(r, environments.new), r]));
  const leftOld: PlanResource[] = [];
  for (const r of old) {
    const k = key(r, environments.old);
    const match = newByKey.get(k);
    if (match) {
      pairs.push({ old: r, new: match });
      newByKey.delete(k);
    } else leftOld.push(r);
  }
  const leftNew = [...newByKey.values()];
  if (by === "urn") pairs.push(...matchMoved(leftOld, leftNew));
  else pairs.push(...leftOld.map((r) => ({ old: r })), ...leftNew.map((r) => ({ new: r })));
  return pairs.sort((a, b) => compare((a.new ?? a.old)!.urn, (b.new ?? b.old)!.urn));
}

/** A logical name with its stack's environment as a word of it made neutral, to match two stacks' resources. */
export function sameAcrossStacks(name: string, environment: string): string {
  return environment ? name.split("-").map((w) => (w === environment ? "{environment}" : w)).join("-") : name;
}

function matchMoved(oldOnes: PlanResource[], newOnes: PlanResource[]): Pair[] {
  const pairs: Pair[] = [];
  const taken = new Set<PlanResource>();
  const take = (o: PlanResource, n: PlanResource, why: "renamed" | "new parent") => {
    pairs.push({ old: o, new: n, urnChange: why });
    taken.add(o).add(n);
  };
  // Same type and name, another parent chain: moved under a new parent.
  for (const o of oldOnes) {
    const n = newOnes.find((c) => !taken.has(c) && c.type === o.type && c.name === o.name);
    if (n) take(o, n, "new parent");
  }
  // Renames, parents first (URNs sort a parent before its children only by chance, so walk by depth): a type that
  // lost exactly one resource and gained exactly one is the same resource renamed; a child whose name contains its
  // renamed parent's old name is matched by substituting the new one.
  const renamed = new Map<string, string>(); // old name -> new name, of matched components
  const depth = (r: PlanResource) => r.urn.split("::")[2]?.split("$").length ?? 0;
  for (const o of [...oldOnes].sort((a, b) => depth(a) - depth(b))) {
    if (taken.has(o)) continue;
    const candidates = newOnes.filter((c) => !taken.has(c) && c.type === o.type);
    const sameTypeOld = oldOnes.filter((c) => !taken.has(c) && c.type === o.type);
    let n: PlanResource | undefined;
    for (const [from, to] of renamed) {
      if (!o.name.includes(from)) continue;
      n = candidates.find((c) => c.name === o.name.split(from).join(to));
      if (n) break;
    }
    if (!n && candidates.length === 1 && sameTypeOld.length === 1) n = candidates[0];
    if (n) {
      take(o, n, o.name === n.name ? "new parent" : "renamed");
      if (o.name !== n.name) renamed.set(o.name, n.name);
    }
  }
  for (const o of oldOnes) if (!taken.has(o)) pairs.push({ old: o });
  for (const n of newOnes) if (!taken.has(n)) pairs.push({ new: n });
  return pairs;
}

/** The resource option that keeps a resource whose URN changed: its old name, or its old parent. */
export function aliasSuggestion(old: PlanResource, next: PlanResource): string {
  if (old.name !== next.name) return `aliases: [{ name: ${JSON.stringify(old.name)} }] (or the full old URN: aliases: [${JSON.stringify(old.urn)}])`;
  return old.parent ? `aliases: [{ parent: pulumi.createUrn(${JSON.stringify(urnName(old.parent))}, ${JSON.stringify(typeOf(old.parent))}) }] (the old parent), or aliases: [${JSON.stringify(old.urn)}]` : `aliases: [${JSON.stringify(old.urn)}]`;
}

function typeOf(urn: string): string {
  return urn.split("::")[2]?.split("$").at(-1) ?? "";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
