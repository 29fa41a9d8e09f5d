import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, sourceFiles } from "./source-imports.ts";

/**
 * Names sort in one order on every machine, defined once (lib/text/text-order.ts): no file calls `localeCompare`,
 * whose order without a locale is the machine's (LANG), tests included. The one exception is the test that calls it
 * to show that the locale it runs in is live.
 */
const exempt = new Set(["test/workflows/locale.test.ts", "test/architecture/text-order.test.ts"]);

describe("the order names sort in is defined once", () => {
  it("has no file sort with localeCompare: each sorts with compareText or compareNumbered", () => {
    const callers = sourceFiles().filter((file) => !exempt.has(file) && /\.localeCompare\(/.test(readFileSync(join(repoRoot, file), "utf8")));
    expect(callers).toEqual([]);
  });
});
