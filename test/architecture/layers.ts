/**
 * The layers of stratum, bottom to top, and which layers each may import (docs/architecture.md explains them).
 * A path ending in `/` is a folder; the first layer naming a file's path (or a folder above it) holds it, so a
 * file can be placed apart from its folder. Test code (source-imports.ts `isTestCode`) is above every layer.
 */
export interface Layer {
  readonly name: string;
  readonly paths: readonly string[];
  readonly mayImport: readonly string[];
}

export const layers: readonly Layer[] = [
  {
    // What every layer uses and that knows no layer: errors and exit codes, flag parsing, the command interface,
    // the workflow-command guard, files, Markdown, the order names sort in, waivers, stack names, the plan's JSON
    // model, and Node's compile cache that every entry point turns on first.
    name: "foundation",
    paths: ["lib/compile-cache.ts", "lib/cli/", "lib/fs/", "lib/markdown/", "lib/text/", "lib/waivers/", "lib/stack-config/stack-name.ts", "lib/plan/model.ts", "lib/plan/urn.ts", "lib/plan/tiers.ts", "lib/plan/placeholders.ts"],
    mayImport: [],
  },
  {
    // The security properties, defined once: the platform builds with them, the policy rules check with them.
    name: "properties",
    paths: ["policy/properties/"],
    mayImport: ["foundation"],
  },
  {
    // The spec, the tiers and their contracts, the clouds (drivers, helpers, offline answers), the wiring.
    name: "platform",
    paths: ["components/"],
    mayImport: ["foundation", "properties"],
  },
  {
    // Stack files read into a validated spec.
    name: "stacks",
    paths: ["lib/stack-config/"],
    mayImport: ["foundation", "platform"],
  },
  {
    name: "policy",
    paths: ["policy/"],
    mayImport: ["foundation", "properties", "platform", "stacks"],
  },
  {
    name: "workflows",
    paths: ["workflows/"],
    mayImport: ["foundation", "platform", "stacks"],
  },
  {
    // What the commands run: the offline plan, the scan gate, GitHub, the permission check.
    name: "tools",
    paths: ["lib/plan/", "lib/scan/", "lib/github/", "lib/permissions/"],
    mayImport: ["foundation", "properties", "platform", "stacks", "policy", "workflows"],
  },
  {
    // The Pulumi program: the spec from Pulumi's config, the stack's cloud, the Platform.
    name: "program",
    paths: ["index.ts"],
    mayImport: ["foundation", "platform"],
  },
  {
    // The command line: the command table, the dispatcher, one module per command.
    name: "commands",
    paths: ["commands/"],
    mayImport: ["foundation", "properties", "platform", "stacks", "policy", "workflows", "tools"],
  },
  {
    name: "entry points",
    paths: ["scripts/", "bench/", "vitest.config.ts"],
    mayImport: ["foundation", "properties", "platform", "stacks", "policy", "workflows", "tools", "program", "commands"],
  },
];

/** The layer that holds a file: the one whose path is the longest that names the file or a folder above it. */
export function layerOf(file: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const path of layer.paths) {
      const holds = path.endsWith("/") ? file.startsWith(path) : file === path;
      if (holds && (!best || path.length > best.length)) best = { layer, length: path.length };
    }
  }
  return best?.layer;
}
