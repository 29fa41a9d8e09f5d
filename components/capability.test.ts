import { expect, test } from "vitest";
import { Capability, type DriverContext } from "./capability.ts";
import { recordFor, exampleSpec } from "./kubernetes/testing/fixture.ts";

test("a driver is given its parent, the stack's naming, region and account, and nothing else: no spec to read past its contract", async () => {
  const spec = exampleSpec("dev-aws");
  const seen: DriverContext[] = [];
  await recordFor(spec, async () => {
    new Capability("stratum:test:Probe", "probe", spec, (ctx) => {
      seen.push(ctx);
      // @ts-expect-error: the context has no spec; a value a driver needs is a field of its contract.
      void ctx.spec;
      return {};
    }, {});
  });
  expect(seen).toHaveLength(1);
  const ctx = seen[0]!;
  expect(Object.keys(ctx).sort()).toEqual(["account", "name", "parent", "region"]);
  expect([ctx.name("lake-raw"), ctx.region]).toEqual(["acme-dev-lake-raw", "us-east-1"]);
  // Only the stack's own cloud's section: a driver cannot reach another cloud's account.
  expect(ctx.account).toEqual({ aws: { accountId: "111122223333" } });
});
