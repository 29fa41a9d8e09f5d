import { describe, expect, it } from "vitest";
import { specFromConfig } from "../../components/spec/index.ts";
import { listCaps } from "../../components/spec/validators.ts";
import { servicesOf } from "../../bench/generated-stack.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig } from "../support/stack-files.ts";

/** The example stack with `count` services: its own, then internal copies talking to their copies' peers. */
function withServices(count: number): Record<string, unknown> {
  const config = exampleStackConfig("dev-aws");
  const web = config["stratum:web"] as { services: Parameters<typeof servicesOf>[0] };
  return { ...config, "stratum:web": { ...web, services: servicesOf(web.services, count) } };
}

describe("stratum:web.services: a few hundred services, bounded", () => {
  it("accepts a platform at the cap", () => {
    const spec = specFromConfig(asRuntimeConfig(withServices(listCaps.services)), "test");
    expect(spec.web.services).toHaveLength(500);
    expect(new Set(spec.web.services.map((s) => s.name)).size).toBe(500);
  });

  it("refuses one service over it: one problem naming the key, the count and the bound", () => {
    expect(specProblems(withServices(listCaps.services + 1))).toEqual(["stratum:web.services: got 501 entries, expected at most 500"]);
  });
});
