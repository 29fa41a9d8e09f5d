import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { runCommand, startApp, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";

// The server loads model.json from its own folder, as in the image: each test works on a copy of the example.
const copies: string[] = [];
function copyOfExample(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "model-server-"));
  cpSync(path.join(repoRoot, "examples/model-server"), dir, { recursive: true });
  rmSync(path.join(dir, "model.json"), { force: true });
  copies.push(dir);
  return dir;
}
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const train = (cwd: string) => runCommand({ command: ["node", "train.js"], cwd, env: {} });

/** P(b | a) straight from the training CSV: baskets holding both over baskets holding a. */
function confidence(csv: string, a: string, b: string): number {
  const baskets = new Map<string, Set<string>>();
  for (const line of csv.trim().split("\n").slice(1)) {
    const [order, sku] = line.split(",") as [string, string];
    baskets.set(order, (baskets.get(order) ?? new Set()).add(sku));
  }
  const withA = [...baskets.values()].filter((s) => s.has(a));
  return Math.round((withA.filter((s) => s.has(b)).length / withA.length) * 10_000) / 10_000;
}

describe("model-server train.js", () => {
  it("builds the same model.json from the committed training set every time, scored by co-occurrence", async () => {
    const dir = copyOfExample();
    expect((await train(dir)).code).toBe(0);
    const first = readFileSync(path.join(dir, "model.json"), "utf8");
    expect((await train(dir)).code).toBe(0);
    expect(readFileSync(path.join(dir, "model.json"), "utf8")).toBe(first);
    const model = JSON.parse(first);
    const csv = readFileSync(path.join(dir, "training/baskets.csv"), "utf8");
    expect(model.trainedOn).toMatchObject({ file: "training/baskets.csv", sha256: createHash("sha256").update(csv).digest("hex"), baskets: 36, items: 14 });
    for (const { item, score } of model.items.BUTTER) expect(score).toBe(confidence(csv, "BUTTER", item));
    expect(model.items.BUTTER[0]).toEqual({ item: "HONEY", score: 0.6 });
  });
});

describe("model-server server.js", () => {
  let dir: string;
  let app: RunningApp;
  let model: { items: Record<string, { item: string; score: number }[]> };
  const artifacts = "s3://acme-dev-model-artifacts/recommender/";
  beforeAll(async () => {
    dir = copyOfExample();
    expect((await train(dir)).code).toBe(0);
    model = JSON.parse(readFileSync(path.join(dir, "model.json"), "utf8"));
    const port = await freePort();
    // As SageMaker starts it: the image's entrypoint with the argument `serve`.
    app = await startApp({ command: ["node", "server.js", "serve"], cwd: dir, env: { PORT: String(port), MODEL_ARTIFACTS_URL: artifacts }, port, readinessPath: "/ping" });
  });
  afterAll(() => app?.stop());

  const post = async (route: string, body: string, type = "application/json"): Promise<{ status: number; body: any }> => {
    const response = await fetch(app.url + route, { method: "POST", body, headers: { "content-type": type } });
    return { status: response.status, body: await response.json() };
  };

  it("answers SageMaker's /ping and the cluster's /healthz on PORT, naming the model version and MODEL_ARTIFACTS_URL", async () => {
    expect((await fetch(app.url + "/ping")).status).toBe(200);
    const health = await (await fetch(app.url + "/healthz")).json();
    expect(health).toMatchObject({ status: "ok", artifactsUrl: artifacts, model: { format: "stratum-cooccurrence/1", version: createHash("sha256").update(readFileSync(path.join(dir, "model.json"))).digest("hex") } });
  });

  it("/invocations and /predict return the model's recommendations", async () => {
    const one = await post("/invocations", JSON.stringify({ items: ["BUTTER"], k: 3 }));
    expect(one.status).toBe(200);
    expect(one.body.recommendations).toEqual(model.items.BUTTER!.slice(0, 3));
    // Two items: candidates score the sum of their confidences, the basket's own items are never recommended.
    const basket = ["TEA-GREEN", "CUP"];
    const sums = new Map<string, number>();
    for (const item of basket) for (const r of model.items[item]!) if (!basket.includes(r.item)) sums.set(r.item, (sums.get(r.item) ?? 0) + r.score);
    const expected = [...sums].map(([item, score]) => ({ item, score: Math.round(score * 10_000) / 10_000 })).sort((x, y) => y.score - x.score || (x.item < y.item ? -1 : 1)).slice(0, 4);
    const two = await post("/predict", JSON.stringify({ items: basket, k: 4 }));
    expect(two.body.recommendations).toEqual(expected);
    expect(two.body.recommendations.map((r: { item: string }) => r.item)).not.toContain("CUP");
    expect((await post("/invocations", JSON.stringify({ items: basket, k: 4 }))).body).toEqual(two.body);
  });

  it("refuses bad input with 400 (and a wrong content type with 415)", async () => {
    expect(await post("/invocations", "{not json")).toEqual({ status: 400, body: { error: "the body is not JSON" } });
    expect(await post("/invocations", JSON.stringify({ items: [] }))).toEqual({ status: 400, body: { error: "items is []; expected 1 to 50 SKUs (strings)" } });
    expect(await post("/predict", JSON.stringify({ items: ["CUP"], k: 99 }))).toEqual({ status: 400, body: { error: "k is 99; expected an integer from 1 to 10" } });
    expect((await post("/invocations", "items=CUP", "application/x-www-form-urlencoded")).status).toBe(415);
  });
});

describe("model-server start-up", () => {
  it("does not start without its model, nor with a corrupt one", async () => {
    const dir = copyOfExample();
    const start = () => runCommand({ command: ["node", "server.js"], cwd: dir, env: { PORT: "1" } });
    const missing = await start();
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read the model");
    writeFileSync(path.join(dir, "model.json"), "{ truncated");
    expect((await start()).stderr).toContain("is not JSON");
    writeFileSync(path.join(dir, "model.json"), JSON.stringify({ format: "stratum-cooccurrence/1", items: { CUP: [{ item: "MUG", score: 7 }] }, popular: [] }));
    const corrupt = await start();
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain("items.CUP: expected a list of { item, score } with scores from 0 to 1");
    const extra = await runCommand({ command: ["node", "server.js", "train"], cwd: dir, env: { PORT: "1" } });
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('arguments are ["train"]; expected none, or serve (as SageMaker passes it)');
  });
});
