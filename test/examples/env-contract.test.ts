import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ENV, envNamesRead, exampleDir } from "../support/example-env.ts";
import { repoRoot } from "../support/shared-dir.ts";

describe("the environment each example reads", () => {
  it("is found in the source: every way the apps read a variable", () => {
    expect(envNamesRead(exampleDir("orders"))).toEqual(["AWS_REGION", "DATABASE_AUTH", "DATABASE_HOST", "DATABASE_NAME", "DATABASE_PASSWORD", "DATABASE_PORT", "DATABASE_SCHEMA", "DATABASE_SSLMODE", "DATABASE_USER", "PORT"]);
    expect(envNamesRead(exampleDir("frontend"))).toEqual([]);
  });

  it("examples/README.md names every variable an app reads", () => {
    const readme = readFileSync(path.join(repoRoot, "examples/README.md"), "utf8");
    for (const [app, { platform, localOnly }] of Object.entries(EXAMPLE_ENV)) for (const name of [...platform, ...localOnly]) expect(readme, app).toContain(`\`${name}\``);
  });
});
