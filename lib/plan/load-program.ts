import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";

export type Program = () => Promise<Record<string, unknown> | void>;

/**
 * Imports the program entry that Pulumi.yaml names (`main`, else package.json's `main`, else index.ts): the
 * offline plan runs exactly what `pulumi up` runs.
 */
export async function loadProgram(root: string): Promise<Program> {
  const entry = programEntry(root);
  const module = (await import(pathToFileURL(join(root, entry)).href)) as { default?: unknown };
  if (typeof module.default !== "function") {
    throw new Error(`${entry} must have a default export that is the program function (Pulumi runs it the same way)`);
  }
  return module.default as Program;
}

export function programEntry(root: string): string {
  const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { main?: string };
  if (project.main) return project.main;
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { main?: string };
  if (pkg.main) return pkg.main;
  return existsSync(join(root, "index.ts")) ? "index.ts" : "index.js";
}
