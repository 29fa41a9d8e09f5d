import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { clouds } from "../../components/spec/names.ts";
import type { Cloud } from "../../components/spec/index.ts";
import { typecheckPrograms } from "../../bench/typecheck.ts";
import { isCloudsOwn, repoRoot, sourceFiles, sourceImports, type SourceImport } from "./source-imports.ts";

/**
 * The type check is one program per tsconfig (tsconfig.json explains why). It stays a check of everything only if
 * every file is in some program, and it stays under its memory limit only if no program loads a cloud SDK's
 * declarations it was not meant to: the programs' cloud SDKs are what makes each one heavy.
 */
const sdkOf: Readonly<Record<Cloud, string>> = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" };
const programs: Readonly<Record<string, Cloud | undefined>> = {
  "tsconfig.json": undefined,
  ...Object.fromEntries(clouds.map((cloud) => [`tsconfig.${cloud}.json`, cloud])),
};

/** The files a tsconfig names as its roots (its include minus its exclude), relative to the repository root. */
function rootsOf(config: string): string[] {
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(repoRoot, config), {}, host);
  if (!parsed) throw new Error(`${config}: not readable`);
  return parsed.fileNames.map((file) => file.slice(repoRoot.replace(/\/$/, "").length + 1)).sort();
}

/**
 * Each provider SDK a program reaches that it does not hold, as `<config>: <root> → … → <file> imports <specifier>`.
 * Only literal specifiers count, as for the type checker (components/clouds/select.ts loads a cloud by a computed one).
 */
export function sdkLeaks(config: string, held: Cloud | undefined, roots: readonly string[], imports: readonly SourceImport[]): string[] {
  const byFile = new Map<string, SourceImport[]>();
  for (const i of imports) byFile.set(i.file, [...(byFile.get(i.file) ?? []), i]);
  const forbidden = clouds.filter((cloud) => cloud !== held).map((cloud) => sdkOf[cloud]);
  const leaks: string[] = [];
  const via = new Map<string, string[]>(roots.map((root) => [root, [root]]));
  const queue = [...roots];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const path = via.get(file) ?? [file];
    for (const { specifier, target } of byFile.get(file) ?? []) {
      const sdk = forbidden.find((name) => specifier === name || specifier.startsWith(`${name}/`));
      if (sdk) leaks.push(`${config}: ${path.join(" → ")} imports ${specifier}`);
      if (target && !via.has(target)) {
        via.set(target, [...path, target]);
        queue.push(target);
      }
    }
  }
  return leaks;
}

describe("the type-check programs", () => {
  const roots = Object.fromEntries(Object.keys(programs).map((config) => [config, rootsOf(config)]));
  const imports = sourceImports();

  it("are the ones the README's test command runs (package.json typecheck:run)", () => {
    expect([...typecheckPrograms()].sort()).toEqual(Object.keys(programs).sort());
  });

  it("check every TypeScript file of the repository", () => {
    const checked = new Set(Object.values(roots).flat());
    expect(sourceFiles().filter((file) => file.endsWith(".ts") && !checked.has(file))).toEqual([]);
  });

  it("put each cloud's own files in that cloud's program, and none in the main one", () => {
    for (const cloud of clouds) {
      const own = sourceFiles().filter((file) => file.endsWith(".ts") && isCloudsOwn(file, cloud));
      expect(own.filter((file) => !roots[`tsconfig.${cloud}.json`]?.includes(file)), cloud).toEqual([]);
      expect(own.filter((file) => roots["tsconfig.json"]?.includes(file)), cloud).toEqual([]);
    }
  });

  it("reach no cloud SDK but their own (a test on a cloud's drivers belongs in that cloud's tsconfig)", () => {
    expect(Object.entries(programs).flatMap(([config, held]) => sdkLeaks(config, held, roots[config] ?? [], imports))).toEqual([]);
  });

  it("names the path by which a program reaches an SDK it does not hold", () => {
    const graph: SourceImport[] = [
      { file: "components/a.test.ts", specifier: "./testing/b.ts", target: "components/testing/b.ts" },
      { file: "components/testing/b.ts", specifier: "../infra/network/aws.ts", target: "components/infra/network/aws.ts" },
      { file: "components/infra/network/aws.ts", specifier: "@pulumi/aws/ec2/index.js" },
      { file: "components/infra/network/gcp.ts", specifier: "@pulumi/gcp/compute/index.js" },
    ];
    expect(sdkLeaks("tsconfig.json", undefined, ["components/a.test.ts"], graph)).toEqual([
      "tsconfig.json: components/a.test.ts → components/testing/b.ts → components/infra/network/aws.ts imports @pulumi/aws/ec2/index.js",
    ]);
    expect(sdkLeaks("tsconfig.aws.json", "aws", ["components/a.test.ts"], graph)).toEqual([]);
    expect(sdkLeaks("tsconfig.aws.json", "aws", ["components/infra/network/gcp.ts"], graph)).toEqual([
      "tsconfig.aws.json: components/infra/network/gcp.ts imports @pulumi/gcp/compute/index.js",
    ]);
  });
});
