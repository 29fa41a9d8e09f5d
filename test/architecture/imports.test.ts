import { describe, expect, it } from "vitest";
import { clouds } from "../../components/spec/names.ts";
import { layerOf, layers } from "./layers.ts";
import { isCloudsOwn, isTestCode, sourceFiles, sourceImports, type SourceImport } from "./source-imports.ts";

/** Every import that runs against the layers, as `file → specifier: why`. */
export function layerViolations(imports: readonly SourceImport[]): string[] {
  const problems: string[] = [];
  for (const { file, specifier, target } of imports) {
    if (target === undefined || !/\.(ts|mts|mjs)$/.test(target)) continue;
    const at = (why: string) => problems.push(`${file} → ${specifier}: ${why}`);
    if (isTestCode(file)) continue;
    if (isTestCode(target)) {
      at(`test code (${target}) is imported only by tests`);
      continue;
    }
    const from = layerOf(file);
    const to = layerOf(target);
    if (!from || !to) continue;
    if (from !== to && !from.mayImport.includes(to.name)) at(`${from.name} may not import ${to.name} (${target})`);
    const cloud = clouds.find((c) => target.startsWith(`components/clouds/${c}/`));
    if (cloud && file.startsWith("components/") && !isCloudsOwn(file, cloud) && file !== "components/clouds/select.ts") {
      at(`a cloud-neutral module imports ${cloud}'s folder; only select.ts loads a cloud (ask the drivers or the cloud module instead)`);
    }
  }
  return problems;
}

describe("imports run one way: no module imports a layer above its own", () => {
  it("places every source file in a layer, or in test code", () => {
    expect(sourceFiles().filter((f) => !isTestCode(f) && !layerOf(f) && !f.startsWith("examples/"))).toEqual([]);
  });

  it("holds for every import of every file", () => {
    expect(layerViolations(sourceImports())).toEqual([]);
  });

  it("lists only layers below each layer", () => {
    const order = layers.map((l) => l.name);
    expect(layers.flatMap((l) => l.mayImport.filter((m) => !order.includes(m) || order.indexOf(m) >= order.indexOf(l.name)).map((m) => `${l.name} → ${m}`))).toEqual([]);
  });

  it("names the file and the import that break it", () => {
    expect(
      layerViolations([
        { file: "lib/fs/read-input.ts", specifier: "../plan/plan-stack.ts", target: "lib/plan/plan-stack.ts" },
        { file: "components/infra/infra.ts", specifier: "../../policy/evaluate.ts", target: "policy/evaluate.ts" },
        { file: "policy/rules/iam.ts", specifier: "../../workflows/model.ts", target: "workflows/model.ts" },
        { file: "components/infra/infra.ts", specifier: "../clouds/aws/sizes.ts", target: "components/clouds/aws/sizes.ts" },
        { file: "lib/plan/record.ts", specifier: "../../test/support/dates.ts", target: "test/support/dates.ts" },
        { file: "components/infra/network/aws.ts", specifier: "../../clouds/aws/sizes.ts", target: "components/clouds/aws/sizes.ts" },
        { file: "components/clouds/aws/iam-policy.ts", specifier: "../../../policy/properties/wildcard-grant.ts", target: "policy/properties/wildcard-grant.ts" },
        { file: "commands/plan.ts", specifier: "../policy/evaluate.ts", target: "policy/evaluate.ts" },
      ]),
    ).toEqual([
      "lib/fs/read-input.ts → ../plan/plan-stack.ts: foundation may not import tools (lib/plan/plan-stack.ts)",
      "components/infra/infra.ts → ../../policy/evaluate.ts: platform may not import policy (policy/evaluate.ts)",
      "policy/rules/iam.ts → ../../workflows/model.ts: policy may not import workflows (workflows/model.ts)",
      "components/infra/infra.ts → ../clouds/aws/sizes.ts: a cloud-neutral module imports aws's folder; only select.ts loads a cloud (ask the drivers or the cloud module instead)",
      "lib/plan/record.ts → ../../test/support/dates.ts: test code (test/support/dates.ts) is imported only by tests",
    ]);
  });
});
