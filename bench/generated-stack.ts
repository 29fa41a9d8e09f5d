// A generated stack with N services, built from an example stack (never committed): the plan's scaling in
// resources. The copies are internal services (no public host), each copy of the example's services talking to
// its own copy of their peers and keeping their data access, so every one brings its grants, policies and jobs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { root } from "./measure.ts";

interface Service {
  readonly name: string;
  readonly public?: boolean;
  readonly host?: string;
  readonly talksTo?: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * The example's services, then copies `<name>-<k>` of them until there are `count`. A copy talks to the same copy
 * of its peer where there is one, else to the peer itself (a model, or a copy cut off by `count`).
 */
export function servicesOf(base: readonly Service[], count: number): Service[] {
  if (base.length === 0) throw new Error("the example stack has no stratum:web.services to copy");
  const copyOf = (i: number) => Math.floor(i / base.length);
  const nameOf = (i: number) => (copyOf(i) === 0 ? base[i % base.length]!.name : `${base[i % base.length]!.name}-${copyOf(i)}`);
  const names = new Set(Array.from({ length: count }, (_, i) => nameOf(i)));
  return Array.from({ length: count }, (_, i) => {
    const original = base[i % base.length]!;
    const copy = copyOf(i);
    if (copy === 0) return original;
    const { public: _public, host: _host, ...internal } = original;
    const peer = (name: string) => (names.has(`${name}-${copy}`) ? `${name}-${copy}` : name);
    return { ...internal, name: nameOf(i), ...(original.talksTo ? { talksTo: original.talksTo.map(peer) } : {}) };
  });
}

/**
 * A folder that is the repository (every top-level entry linked) but for `stacks/`, which holds only the
 * generated stack `<base>-n<count>`. The program and the example apps' paths resolve through the links.
 */
export function generatedStack(base: string, count: number): { readonly root: string; readonly stack: string } {
  const stack = `${base}-n${count}`;
  const config = parse(readFileSync(join(root, "stacks", `Pulumi.${base}.yaml`), "utf8")) as { config: Record<string, { services?: Service[] } | undefined> };
  const web = config.config["stratum:web"];
  if (!web?.services) throw new Error(`stacks/Pulumi.${base}.yaml: no stratum:web.services to copy`);
  web.services = servicesOf(web.services, count);
  const folder = mkdtempSync(join(tmpdir(), "stratum-bench-stack-"));
  for (const entry of readdirSync(root)) if (entry !== "stacks" && entry !== ".git") symlinkSync(join(root, entry), join(folder, entry));
  mkdirSync(join(folder, "stacks"));
  // The copies share their settings' objects: written without YAML aliases, which a stack file may hold only 100 of.
  writeFileSync(join(folder, "stacks", `Pulumi.${stack}.yaml`), stringify(config, { aliasDuplicateObjects: false }));
  return { root: folder, stack };
}

/** Removes a generated stack's folder: its links one by one (never what they point at), then its own stacks/. */
export function removeGeneratedStack(folder: string): void {
  for (const entry of readdirSync(folder)) if (entry !== "stacks") unlinkSync(join(folder, entry));
  rmSync(join(folder, "stacks"), { recursive: true });
  rmdirSync(folder);
}
