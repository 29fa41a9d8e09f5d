import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { namedBuildContexts } from "../../workflows/build-contexts.ts";
import { repoRoot } from "./fixture.ts";

const root = mkdtempSync(join(tmpdir(), "stratum-contexts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const app = (name: string, dockerfile: string) => {
  mkdirSync(join(root, "apps", name), { recursive: true });
  writeFileSync(join(root, "apps", name, "Dockerfile"), dockerfile);
  return `apps/${name}`;
};

describe("named build contexts", () => {
  it("the example apps that copy the shared cloud clients name examples/cloud; the model server none", () => {
    for (const a of ["api", "etl", "orders"]) expect(namedBuildContexts(repoRoot, `examples/${a}`)).toEqual({ cloud: "examples/cloud" });
    expect(namedBuildContexts(repoRoot, "examples/model-server")).toEqual({});
  });

  it("a build stage is not a context; a context that is not a folder beside the app is refused, named", () => {
    mkdirSync(join(root, "apps", "shared"), { recursive: true });
    expect(namedBuildContexts(root, app("staged", "FROM node:24 AS build\nRUN true\nFROM node:24\nCOPY --from=build /out /app\nCOPY --from=shared *.js /shared/\n"))).toEqual({ shared: "apps/shared" });
    expect(() => namedBuildContexts(root, app("lost", "FROM node:24\nCOPY --from=nowhere *.js /x/\n"))).toThrow(
      "apps/lost/Dockerfile: COPY --from=nowhere: the named build context apps/nowhere is not a folder (a named context is the folder of that name beside the workload's)",
    );
    expect(() => namedBuildContexts(root, app("image", "FROM node:24\nCOPY --from=ghcr.io/x/y:1 /a /b\n"))).toThrow("apps/image/Dockerfile: COPY --from=ghcr.io/x/y:1: expected a build stage or a named context");
  });
});
