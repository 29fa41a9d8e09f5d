import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clouds } from "../../components/spec/names.ts";
import { isCloudsOwn, isTestCode, repoRoot, sourceFiles } from "./source-imports.ts";

/** `case "aws"`, `=== "gcp"`, `"azure" !==`: a branch on a cloud's name. */
const branch = new RegExp(`(?:===|!==|\\bcase)\\s*["'](${clouds.join("|")})["']|["'](${clouds.join("|")})["']\\s*(?:===|!==)`);

/** The lines of a platform file that branch on a cloud's name, as `file:line: text`. */
export function cloudBranches(file: string, text: string): string[] {
  return text.split("\n").flatMap((line, index) => (branch.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : []));
}

/**
 * The tiers, contracts, wiring and Kubernetes tier: components/ without the clouds' own files, select.ts, and the
 * spec (which validates every cloud's settings, its regions, tag limits and account section, without loading one).
 */
function isCloudNeutral(file: string): boolean {
  return file.startsWith("components/") && !file.startsWith("components/spec/") && file !== "components/clouds/select.ts" && !isTestCode(file) && !clouds.some((c) => isCloudsOwn(file, c));
}

describe("the platform branches on the cloud's name only where it selects the cloud", () => {
  it("holds for every cloud-neutral module of components/: select.ts is the one switch", () => {
    const neutral = sourceFiles().filter(isCloudNeutral);
    expect(neutral.flatMap((f) => cloudBranches(f, readFileSync(join(repoRoot, f), "utf8")))).toEqual([]);
  });

  it("finds a branch however it is written", () => {
    const text = ['if (spec.cloud === "aws") {', "switch (cloud) {", "  case 'gcp':", 'const x = "azure" !== c;', 'const names = ["aws", "gcp"];'].join("\n");
    expect(cloudBranches("components/x.ts", text)).toEqual([
      'components/x.ts:1: if (spec.cloud === "aws") {',
      "components/x.ts:3: case 'gcp':",
      'components/x.ts:4: const x = "azure" !== c;',
    ]);
  });
});
