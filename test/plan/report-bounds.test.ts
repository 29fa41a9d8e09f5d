import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import { servicesOf } from "../../bench/generated-stack.ts";
import { exampleStackConfig, projectWithStacks } from "../support/stack-files.ts";

/**
 * The report's size follows the platform's, never one value's or the square of it: the plan JSON grows linearly
 * with services, and the Markdown (which a pull-request comment is made from) summarises what it cannot show.
 */

type Service = Parameters<typeof servicesOf>[0][number];

/** A name as long as a service name may be (30 characters), for counting how often the report repeats it. */
const hub = `hub${"x".repeat(26)}1`;
/** A host name as long as DNS allows (253 characters), as the front end's domain. */
const longDomain = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;

function withServices(services: Service[]): Record<string, unknown> {
  const config = exampleStackConfig("dev-aws");
  const web = config["stratum:web"] as { frontend: Record<string, unknown>; services: Service[] };
  return { ...config, "stratum:web": { ...web, frontend: { ...web.frontend, domain: longDomain }, services } };
}

/** The benchmark's platform of `count` services: copies of the example's, each calling its own copies' peers. */
const linear = (count: number) => withServices(servicesOf((exampleStackConfig("dev-aws")["stratum:web"] as { services: Service[] }).services, count));

/** `count` services and the hub, each calling every other one: flows grow as the square of the services. */
function mesh(count: number): Record<string, unknown> {
  const [api] = (exampleStackConfig("dev-aws")["stratum:web"] as { services: Service[] }).services;
  const names = [hub, ...Array.from({ length: count }, (_, i) => `svc-${i}`)];
  return withServices(names.map((name) => ({ name, path: api!.path, port: 8080, talksTo: names.filter((n) => n !== name) })));
}

const sizes = { n: 20, twice: 40 };
let out: string;
const json = (stack: string) => readFileSync(join(out, `${stack}.json`), "utf8");
const markdown = (stack: string) => readFileSync(join(out, `${stack}.md`), "utf8");
const occurrences = (text: string, value: string) => text.split(value).length - 1;

beforeAll(async () => {
  const project = projectWithStacks({ "linear-n": linear(sizes.n), "linear-2n": linear(sizes.twice), "mesh-n": mesh(sizes.n), "mesh-2n": mesh(sizes.twice) });
  out = join(project, "out");
  let stderr = "";
  const code = await runCli(commands, ["plan", "--all", "--format", "json", "--out", out], { stdout: () => {}, stderr: (t) => void (stderr += t), env: {}, cwd: project });
  expect(code, stderr).toBe(0);
}, 240_000);

describe("the plan report at N and 2N services", () => {
  it("the JSON at 2N services is at most twice the JSON at N, and keeps every flow", () => {
    expect(Buffer.byteLength(json("linear-2n")) / Buffer.byteLength(json("linear-n"))).toBeLessThanOrEqual(2);
    const report = JSON.parse(json("mesh-2n")) as { flows: { flows: unknown[] } };
    expect(report.flows.flows.length).toBeGreaterThanOrEqual((sizes.twice + 1) * sizes.twice);
  });

  it("the Markdown at 2N services is at most twice the Markdown at N, even when the flows grow as the square", () => {
    expect(Buffer.byteLength(markdown("linear-2n")) / Buffer.byteLength(markdown("linear-n"))).toBeLessThanOrEqual(2);
    expect(Buffer.byteLength(markdown("mesh-2n")) / Buffer.byteLength(markdown("mesh-n"))).toBeLessThanOrEqual(2);
  });

  it("the Markdown says what its flows picture groups, and draws a bounded picture", () => {
    const text = markdown("mesh-2n");
    const flows = (JSON.parse(json("mesh-2n")) as { flows: { nodes: unknown[]; flows: unknown[] } }).flows;
    expect(text).toContain(`The system has ${flows.nodes.length} nodes and ${flows.flows.length} flows, more than one picture shows`);
    expect(text).toContain(`it draws the ${sizes.twice + 1} services as one node`);
    const picture = text.slice(text.indexOf("## Flows"), text.indexOf("## Tiers"));
    expect(picture.split("\n").filter((l) => l.includes("-->")).length).toBeLessThanOrEqual(120);
  });

  it("a value of the longest length a key takes appears in the Markdown a bounded number of times, however many services name it", () => {
    for (const stack of ["mesh-n", "mesh-2n", "linear-n", "linear-2n"]) {
      expect(occurrences(markdown(stack), hub), stack).toBeLessThanOrEqual(2);
      expect(occurrences(markdown(stack), longDomain), stack).toBeLessThanOrEqual(2);
    }
    // The JSON keeps every call to the hub: one flow per caller.
    expect(occurrences(json("mesh-2n"), `"to": "service_${hub}"`)).toBe(sizes.twice);
  });
});
