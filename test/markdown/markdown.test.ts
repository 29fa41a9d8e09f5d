import { describe, expect, it } from "vitest";
import { cell, table } from "../../lib/markdown/markdown.ts";
import { urnName, urnStack, urnType } from "../../lib/plan/urn.ts";

describe("Markdown table cells", () => {
  it("escape pipes, the backslash before a pipe, and line breaks, and leave other backslashes alone", () => {
    expect(cell("a|b")).toBe("a\\|b");
    expect(cell("a\\|b")).toBe("a\\\\\\|b");
    expect(cell("one\r\ntwo\nthree\rfour")).toBe("one two three four");
    expect(cell("C:\\path")).toBe("C:\\path");
  });

  it("keep every row to one line with the header's number of cells", () => {
    const rows = table(["a", "b"], [["x|y", "line\nbreak"]]).split("\n");
    expect(rows).toEqual(["| a | b |", "| --- | --- |", "| x\\|y | line break |"]);
  });
});

describe("URNs", () => {
  const urn = "urn:pulumi:prod-aws::stratum::stratum:data:Lake$aws:s3/bucket:Bucket::logs::audit";
  it("name is everything after the type, even when it contains ::", () => {
    expect(urnName(urn)).toBe("logs::audit");
    expect(urnStack(urn)).toBe("prod-aws");
    expect(urnType(urn)).toBe("aws:s3/bucket:Bucket");
    expect(urnName("not-a-urn")).toBe("not-a-urn");
    expect(urnStack("not-a-urn")).toBeUndefined();
  });
});
