/*
 * The waivers the CrossGuard pack applies: the same file, read by the same loader, as `stratum plan` and
 * `stratum policy check`. The pack learns where it is from its policy config's `waivers` key, which
 * `stratum policy config` writes (an absolute path, the file the CLI would use: `--waivers FILE` or the
 * repository's `policy/waivers.yaml`). Without that key the pack falls back to `waivers.yaml` beside itself,
 * i.e. the repository's `policy/waivers.yaml`, so `pulumi up --policy-pack policy` without a config still honours it.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isAbsolute, resolve } from "node:path";
import { loadWaivers, type Waiver } from "./waivers.ts";

const beside = fileURLToPath(new URL("./waivers.yaml", import.meta.url));
const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/** The waivers file for a policy config: its `waivers` key (relative paths from the repository root), else policy/waivers.yaml. */
export function packWaiversPath(config: Readonly<Record<string, unknown>>): string | undefined {
  const configured = config["waivers"];
  if (typeof configured === "string" && configured !== "") return isAbsolute(configured) ? configured : resolve(repositoryRoot, configured);
  return existsSync(beside) ? beside : undefined;
}

const loaded = new Map<string, readonly Waiver[]>();

/**
 * The waivers in force for the pack, read once per file and process. A configured file that is missing or
 * malformed throws, naming the file and entry: the preview fails rather than enforcing without the waivers (or
 * with half of them).
 */
export function packWaivers(config: Readonly<Record<string, unknown>>, knownRules: readonly string[]): readonly Waiver[] {
  const path = packWaiversPath(config);
  if (path === undefined) return [];
  let waivers = loaded.get(path);
  if (waivers === undefined) {
    waivers = loadWaivers(path, knownRules);
    loaded.set(path, waivers);
  }
  return waivers;
}
