import { matchesGlob } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { selected, stackFilters, workloadFilters, type Filters } from "../../workflows/changes.ts";
import { fixturePlatform, fixtureWorkflows } from "./fixture.ts";

const platform = fixturePlatform();
const generated = fixtureWorkflows();

/** The filters exactly as the generated ci.yml hands them to dorny/paths-filter. */
function renderedFilters(file: string): Filters {
  const doc = parse(generated.get(`.github/workflows/${file}`)!) as { jobs: { changes: { steps: { with?: { filters?: string } }[] } } };
  const text = doc.jobs.changes.steps.find((s) => s.with?.filters)!.with!.filters!;
  return parse(text) as Filters;
}

const select = (filters: Filters, files: string[]) => selected(filters, files, (file, glob) => matchesGlob(file, glob));

describe("path filters", () => {
  it("come from the spec's paths, one per workload and the front end", () => {
    expect(workloadFilters(platform)).toEqual({
      // The shared cloud clients each of these images copies (its Dockerfile's COPY --from=cloud) rebuild it too.
      api: ["examples/api/**", "examples/cloud/**"],
      etl: ["examples/etl/**", "examples/cloud/**"],
      orders: ["examples/orders/**", "examples/cloud/**"],
      recommender: ["examples/model-server/**"],
      frontend: ["examples/frontend/**"],
    });
    expect(renderedFilters("ci.yml")).toEqual(workloadFilters(platform));
  });

  it("a change under examples/orders/ selects only orders", () => {
    expect(select(renderedFilters("ci.yml"), ["examples/orders/server.js"])).toEqual(["orders"]);
    expect(select(renderedFilters("deploy.yml"), ["examples/orders/Dockerfile", "docs/readme.md"])).toEqual(["orders"]);
  });

  it("a change under examples/cloud/ selects every app whose image copies it, and the model server's not", () => {
    expect(select(renderedFilters("ci.yml"), ["examples/cloud/gcs.js"])).toEqual(["api", "etl", "orders"]);
    const ci = parse(generated.get(".github/workflows/ci.yml")!) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const build = (job: string) => ci.jobs[job]!.steps.find((s) => s.uses?.startsWith("docker/build-push-action"))!.with!;
    expect(build("build-orders")).toMatchObject({ context: "examples/orders", "build-contexts": "cloud=examples/cloud" });
    expect(build("build-recommender")["build-contexts"]).toBeUndefined();
  });

  it("selects each changed workload and nothing for unrelated files", () => {
    expect(select(renderedFilters("ci.yml"), ["examples/api/server.js", "examples/model-server/Dockerfile"])).toEqual(["api", "recommender"]);
    expect(select(renderedFilters("ci.yml"), ["README.md", "examples/apix/file"])).toEqual([]);
  });

  it("a stack is affected by its config, the shared program and its workloads", () => {
    const stacks = stackFilters(platform);
    expect(renderedFilters("preview.yml")).toEqual(stacks);
    expect(select(stacks, ["stacks/Pulumi.dev-gcp.yaml"])).toEqual(["dev-gcp"]);
    expect(select(stacks, ["components/web/service.ts"])).toEqual(["dev-aws", "dev-gcp", "prod-aws", "prod-azure"]);
    expect(select(stacks, ["docs/workflows.md"])).toEqual([]);
  });

  it("build jobs run only for their own filter", () => {
    const ci = parse(generated.get(".github/workflows/ci.yml")!) as { jobs: Record<string, { if?: string }> };
    expect(ci.jobs["build-orders"]?.if).toBe("contains(fromJSON(needs.changes.outputs.changes), 'orders')");
    expect(ci.jobs["build-frontend"]?.if).toBe("contains(fromJSON(needs.changes.outputs.changes), 'frontend')");
  });
});
