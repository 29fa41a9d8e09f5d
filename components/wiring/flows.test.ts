import { describe, expect, test } from "vitest";
import { exampleSpec } from "../kubernetes/testing/fixture.ts";
import { flowsMermaid } from "../../lib/plan/render-flows.ts";
import { systemFlows, type SystemFlows } from "./flows.ts";

const edges = (system: SystemFlows) => system.flows.map((f) => `${f.from} -[${f.label}]-> ${f.to}`);

describe("the dev-aws system's flows", () => {
  const system = systemFlows(exampleSpec("dev-aws"));

  test("are exactly the wiring's: CI to registry to cluster, calls, data access with its level, the pipeline, the front end", () => {
    expect(edges(system)).toEqual([
      "ci -[push by digest]-> registry",
      "registry -[pull]-> cluster",
      "internet -[https via ingress]-> service_api",
      "service_api -[http :8080]-> service_orders",
      "service_api -[read]-> zone_curated",
      "service_orders -[readwrite]-> database",
      "zone_raw -[read]-> pipeline_etl",
      "pipeline_etl -[readwrite]-> zone_curated",
      "ci -[upload]-> frontend",
      "ci -[invalidate]-> cdn",
      "frontend -[origin]-> cdn",
      "internet -[https]-> cdn",
    ]);
  });

  test("every edge joins declared nodes, and what runs on the cluster is drawn inside it", () => {
    const ids = new Set(system.nodes.map((n) => n.id));
    for (const f of system.flows) expect([ids.has(f.from), ids.has(f.to)], `${f.from} -> ${f.to}`).toEqual([true, true]);
    expect(system.nodes.filter((n) => n.within === "cluster").map((n) => n.id)).toEqual(["service_api", "service_orders", "model_recommender", "pipeline_etl"]);
  });

  test("renders as a Mermaid flowchart with the cluster as a subgraph and each flow labelled", () => {
    const lines = flowsMermaid(system);
    expect(lines[0]).toBe("flowchart LR");
    expect(lines).toContain('  subgraph cluster["cluster, namespace acme-dev"]');
    expect(lines).toContain('    pipeline_etl["etl: pipeline"]');
    expect(lines).toContain('  zone_raw[("lake zone raw")]');
    expect(lines).toContain('  zone_raw -->|"read"| pipeline_etl');
    expect(lines.filter((l) => l.includes("-->"))).toHaveLength(system.flows.length);
  });
});

test("prod-aws: the managed model is an endpoint the registry serves, outside the cluster", () => {
  const system = systemFlows(exampleSpec("prod-aws"));
  expect(edges(system)).toContain("registry -[pull]-> endpoint_recommender");
  expect(system.nodes.find((n) => n.id === "endpoint_recommender")).toEqual({ id: "endpoint_recommender", kind: "endpoint", label: "recommender: managed endpoint :8080" });
  expect(system.nodes.some((n) => n.id === "model_recommender")).toBe(false);
});

test("the flows follow the spec: a new call, a warehouse load and a second zone grant appear, and nothing else", () => {
  const spec = exampleSpec("dev-aws", {
    web: { services: [{ name: "api", path: "examples/api", port: 8080, talksTo: ["recommender"], dataAccess: { lake: { raw: "readwrite" }, warehouse: "read" } }] },
    data: { lake: { zones: ["raw", "curated"] }, warehouse: { enabled: true }, pipelines: [{ name: "load", schedule: "0 3 * * *", source: "curated", target: "warehouse" }] },
  });
  expect(edges(systemFlows(spec)).filter((e) => !e.startsWith("ci ") && !e.includes("cdn") && !e.startsWith("registry"))).toEqual([
    "service_api -[http :8080]-> model_recommender",
    "service_api -[readwrite]-> zone_raw",
    "service_api -[read]-> warehouse",
    "zone_curated -[read]-> pipeline_load",
    "pipeline_load -[readwrite]-> warehouse",
  ]);
});
