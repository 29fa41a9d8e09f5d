import { describe, expect, it } from "vitest";
import { typeSource, type Bridged, type Entry } from "../../../scripts/replace-table/aws-entry.ts";

/*
 * When an AWS transcription makes its type complete (unlisted inputs then update in place): read whole, at the
 * commit the SDK bridges, with the SDK's inputs exactly; anything less stays unknown and says which rule failed.
 */
const pinned: Bridged = { sdk: "@pulumi/aws 7.48.0", commit: "a".repeat(40), found: "test" };
const unpinned: Bridged = { ...pinned, commit: null };
const entry: Entry = { path: "internal/service/ec2/ec2_launch_template.go", commit: "a".repeat(40), forceNew: ["name"], arguments: ["name", "tags"], whole: true, note: "no CustomizeDiff" };
const same = { conditional: [], missing: [], compared: { sdkOnly: [], fileOnly: [] } };

describe("an AWS type's completeness", () => {
  it("is complete when read whole at the bridged commit with exactly the SDK's inputs", () => {
    expect(typeSource(entry, pinned, same)).toEqual({ path: entry.path, commit: entry.commit, complete: true, note: "no CustomizeDiff" });
  });

  it.each([
    ["the bridged commit is unknown", entry, unpinned, same, "bridges is not known"],
    ["read at another commit", { ...entry, commit: "b".repeat(40) }, pinned, same, "read at bbbbbbbbbbbb, not at the bridged aaaaaaaaaaaa"],
    ["only a stored version without its commit", { ...entry, commit: undefined, storedId: "42" } as Entry, pinned, same, "stored version 42"],
    ["read in part", { ...entry, whole: false }, pinned, same, "not read whole"],
    ["its arguments not listed", { ...entry, arguments: undefined } as Entry, pinned, { conditional: [], missing: [] }, "arguments were not listed"],
    ["the SDK has inputs the file lacks", entry, pinned, { ...same, compared: { sdkOnly: ["secondaryInterfaces"], fileOnly: [] } }, "does not declare (secondaryInterfaces): the file is older"],
    ["the file has arguments the SDK lacks", entry, pinned, { ...same, compared: { sdkOnly: [], fileOnly: ["elastic_gpu_specifications"] } }, "does not have (elastic_gpu_specifications)"],
    ["a listed path is no SDK input", entry, pinned, { ...same, missing: ["name_prefix"] }, "not inputs of @pulumi/aws 7.48.0: name_prefix"],
  ])("is not complete when %s, and says so", (_, e, bridged, derived, why) => {
    const source = typeSource(e, bridged, derived);
    expect(source.complete).toBe(false);
    expect(source.note).toContain("not complete: ");
    expect(source.note).toContain(why);
  });

  it("keeps the conditional paths and names a stored version without a commit", () => {
    const source = typeSource({ ...entry, commit: undefined, storedId: "5469497972" } as Entry, unpinned, { ...same, conditional: [".secondaryPrivateIpAddressCount", ".region"] });
    expect(source).toMatchObject({ conditional: [".secondaryPrivateIpAddressCount", ".region"], complete: false });
    expect(source).not.toHaveProperty("commit");
    expect(source.note).toContain("file store version 5469497972, whose commit the store does not report");
  });
});
