import { describe, expect, it } from "vitest";
import { specFromConfig } from "../../components/spec/index.ts";
import { tagLimits } from "../../components/spec/tag-limits.ts";
import { platformTags, tagTransform } from "../../components/tags/tag-transform.ts";
import { tagPropertyOf } from "../../components/tags/taggable.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig } from "../support/stack-files.ts";

/**
 * Azure's tag limits, checked at the spec so every resource can carry the stack's tags: at most 50 tags (the
 * platform adds 4), names of at most 512 characters without < > % & \ ? /, values of at most 256 characters.
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 */
const withTags = (tags: Record<string, string>) => ({ ...exampleStackConfig("dev-azure"), "stratum:tags": { owner: "platform-team", costCenter: "cc-1042", ...tags } });
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, "x"]));

describe("Azure tags (stratum:tags on an azure stack)", () => {
  it.each(["<", ">", "%", "&", "\\", "?", "/"])("refuses a key with %s", (character) => {
    expect(specProblems(withTags({ [`team${character}name`]: "x" }))).toEqual([expect.stringMatching(/is not a valid azure tag key, expected any characters but < > % & \\ \? \//)]);
  });

  it("refuses a key over 512 characters and a value over 256, naming the key", () => {
    expect(specProblems(withTags({ ["k".repeat(513)]: "x" }))).toEqual([expect.stringMatching(/key "k{513}" is 513 characters, expected at most 512 on azure$/)]);
    expect(specProblems(withTags({ team: "v".repeat(257) }))).toEqual(["stratum:tags.team: value is 257 characters, expected at most 256 on azure"]);
  });

  it("refuses more tags than 50 less the platform's own 4", () => {
    expect(specProblems(withTags(many(45)))).toEqual([expect.stringMatching(/^stratum:tags: got 47 tags, expected at most 46: azure allows 50 per resource and the platform adds 4/)]);
  });

  it("accepts the limits themselves, and values with characters only keys may not hold", () => {
    expect(() => specFromConfig(asRuntimeConfig(withTags(many(44))), "dev-azure")).not.toThrow();
    expect(() => specFromConfig(asRuntimeConfig(withTags({ team: "v".repeat(256), note: "a<b>&c?d/e%f" })), "dev-azure")).not.toThrow();
    expect(tagLimits.azure).toMatchObject({ maxTags: 50, keyMax: 512, valueMax: 256 });
  });

  it("tags Azure resources through the one transform, and only types whose args take tags", () => {
    expect(tagPropertyOf("azure-native:keyvault:Vault")).toBe("tags");
    expect(tagPropertyOf("azure-native:containerservice:ManagedCluster")).toBe("tags");
    // A role assignment and a diagnostic setting take no tags: the transform leaves them as they are.
    expect(tagPropertyOf("azure-native:authorization:RoleAssignment")).toBeUndefined();
    expect(tagPropertyOf("azure-native:monitor:DiagnosticSetting")).toBeUndefined();
    const spec = specFromConfig(asRuntimeConfig(exampleStackConfig("dev-azure")), "dev-azure");
    const transform = tagTransform(platformTags(spec));
    const result = transform({ type: "azure-native:keyvault:Vault", name: "v", props: { tags: { own: "1", owner: "someone-else" } }, opts: {} } as never);
    expect((result as unknown as { props: { tags: Record<string, string> } }).props.tags).toEqual({ own: "1", owner: "platform-team", "cost-center": "cc-1042", environment: "dev", "data-classification": "confidential", "managed-by": "stratum", "stratum-stack": "dev-azure" });
  });
});
