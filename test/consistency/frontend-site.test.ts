import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { runCommand } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { generated, planAll, stackNames } from "./fixture.ts";
import { frontendFindings } from "./frontend-site.ts";
import { mutated } from "./plan-view.ts";

let plans: Map<string, PlannedStack>;
let all: Workflow[];
let built: string;
const frontendPath = () => [...plans.values()].find((p) => p.spec.web.frontend)!.spec.web.frontend!.path;

beforeAll(async () => {
  plans = await planAll();
  all = generated();
  // The app's own build script (package.json `build`, what `npm run build` runs in CI), in a copy of the app.
  built = mkdtempSync(path.join(tmpdir(), "stratum-site-"));
  cpSync(path.join(repoRoot, frontendPath()), built, { recursive: true });
  const script = (JSON.parse(readFileSync(path.join(built, "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build;
  const result = await runCommand({ command: script.split(" "), cwd: built, env: {} });
  expect(result.code, result.stderr).toBe(0);
});
afterAll(() => rmSync(built, { recursive: true, force: true }));

describe.each(stackNames)("%s: the front end from its build to the CDN", (stack) => {
  it("the build's folder is the artifact, the deploy syncs what it downloads, the CDN's root object is built", () => {
    const plan = plans.get(stack)!;
    expect(plan.spec.web.frontend).toBeDefined();
    expect(frontendFindings(plan, all, built, frontendPath())).toEqual([]);
  });
});

describe("the front-end check on a broken wire (dev-aws)", () => {
  it("names the CDN and the root object the build does not write, and an artifact path the build does not fill", () => {
    const dev = plans.get("dev-aws")!;
    const root = mutated(dev, "aws:cloudfront/distribution:Distribution", "acme-dev-cdn", (i) => (i["defaultRootObject"] = "app.html"));
    expect(frontendFindings(root, all, built, frontendPath())).toEqual(['dev-aws CDN acme-dev-cdn: defaultRootObject "app.html" is not a file the build of examples/frontend writes to dist/']);
    const elsewhere = all.map((w) => ({ ...w, jobs: Object.fromEntries(Object.entries(w.jobs).map(([id, j]) => [id, { ...j, steps: j.steps.map((s) => (s.name === "Upload the site" ? { ...s, with: { ...s.with, path: "examples/frontend/build" } } : s)) }])) }));
    expect(frontendFindings(dev, elsewhere, built, frontendPath())[0]).toBe('dev-aws deploy.yml#build-frontend/Upload the site: with.path "examples/frontend/build" is not a folder the build of examples/frontend writes');
  });
});
