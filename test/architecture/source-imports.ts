import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import ts from "typescript";

/** The repository's root, where every path below is relative to. */
export const repoRoot = join(dirname(new URL(import.meta.url).pathname), "..", "..");

/** One import of a source file: static (`import`, `export ... from`) or dynamic (`import("...")`). */
export interface SourceImport {
  /** The importing file, relative to the repository root (`lib/plan/record.ts`). */
  readonly file: string;
  /** The specifier as written (`../../components/cloud-module.ts`, `@pulumi/aws/s3/index.js`). */
  readonly specifier: string;
  /** For a relative specifier, the imported file relative to the root (`components/cloud-module.ts`). */
  readonly target?: string;
}

const skippedFolders = new Set(["node_modules", ".git", ".toolchain", ".stratum"]);
const sourceFile = /\.(ts|mts|mjs)$/;

/** Every TypeScript (and .mjs) file of the repository, relative to its root, sorted. */
export function sourceFiles(root = repoRoot): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || skippedFolders.has(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && sourceFile.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return files.sort();
}

/** Every import of every source file, read by TypeScript's own pre-processor (type-only imports included). */
export function sourceImports(root = repoRoot): SourceImport[] {
  return sourceFiles(root).flatMap((file) =>
    ts.preProcessFile(readFileSync(join(root, file), "utf8"), true, true).importedFiles.map(({ fileName: specifier }) =>
      specifier.startsWith(".") ? { file, specifier, target: posix.normalize(posix.join(posix.dirname(file), specifier)) } : { file, specifier },
    ),
  );
}

/**
 * Test code: tests, their support files, and the conformance suite with each cloud's conformance inspector
 * (`components/clouds/<cloud>/…inspector….ts` or `…/conformance…`). It may import any layer; nothing else imports it.
 */
export function isTestCode(file: string): boolean {
  return (
    /\.test\.(ts|mts|mjs)$/.test(file) ||
    file.startsWith("test/") ||
    file.includes("/testing/") ||
    file.startsWith("components/conformance/") ||
    /^components\/clouds\/[a-z-]+\/(.*\/)?([^/]*inspector[^/]*\.ts|conformance[^/]*(\.ts|\/.*))$/.test(file)
  );
}

/**
 * Where a cloud's knowledge may live: its folder (`components/clouds/<cloud>/`, tests of the cloud included) and
 * its driver files beside their contracts: `<cloud>.ts`, `<cloud>-<part>.ts` when a driver is split, their tests,
 * and `<cloud>/` folders when a driver outgrows one file.
 */
export function isCloudsOwn(file: string, cloud: string): boolean {
  if (!file.startsWith("components/")) return false;
  const parts = file.split("/");
  const name = parts[parts.length - 1] ?? "";
  return parts.slice(1, -1).includes(cloud) || new RegExp(`^${cloud}(-[a-z0-9-]+)?(\\.test)?\\.ts$`).test(name);
}
