import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3 } from "../support/fake-s3.ts";
import { RAW, writeRawZone } from "../support/raw-zone-sample.ts";
import { runCommand } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";

const etlDir = path.join(repoRoot, "examples/etl");
const root = mkdtempSync(path.join(tmpdir(), "etl-test-"));
let duck: DuckDBConnection;
let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false" });
  duck = await instance.connect();
});
afterAll(() => {
  duck?.closeSync();
  instance?.closeSync();
  rmSync(root, { recursive: true, force: true });
});

function zones(raw: Record<string, string> = RAW): { source: string; target: string } {
  const dir = mkdtempSync(path.join(root, "lake-"));
  const source = path.join(dir, "raw");
  const target = path.join(dir, "curated");
  mkdirSync(source);
  mkdirSync(target);
  writeRawZone(source, raw);
  return { source, target };
}

const etl = (z: { source: string; target: string }, args: string[] = [], env: Record<string, string> = {}) =>
  runCommand({ command: ["node", "etl.js", ...args], cwd: etlDir, env: { PIPELINE_SOURCE_URL: pathToFileURL(z.source).href, PIPELINE_TARGET_URL: pathToFileURL(z.target).href, ...env } });

const read = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJson();
const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();

describe("etl: raw CSV and JSON lines to a Parquet star schema", () => {
  const lake = zones();
  let summary: { rows: Record<string, number>; rejected: number; dates: string[] };
  beforeAll(async () => {
    const run = await etl(lake);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    summary = JSON.parse(run.stdout);
  });

  it("writes the fact table partitioned by UTC order date, and its three dimensions", () => {
    expect(files(lake.target)).toEqual([
      "_rejects/all.jsonl",
      "dim_customer/part-0.parquet",
      "dim_date/part-0.parquet",
      "dim_product/part-0.parquet",
      "fact_order_lines/order_date=2026-11-29/part-0.parquet",
      "fact_order_lines/order_date=2026-12-01/part-0.parquet",
    ]);
    expect(summary.dates).toEqual(["2026-11-29", "2026-12-01"]);
    expect(summary.rows).toEqual({ dim_customer: 2, dim_product: 2, dim_date: 2, fact_order_lines: 3 });
  });

  it("the Parquet reads back with the expected rows and the star schema's columns and keys", async () => {
    const t = (table: string) => `'${path.join(lake.target, table)}/**/*.parquet'`;
    const fact = `read_parquet(${t("fact_order_lines")}, hive_partitioning = true)`;
    expect(await read(`SELECT order_id, line_number, date_key, strftime(order_date, '%Y-%m-%d') AS order_date, customer_key, product_key, quantity, unit_price_cents, amount_cents, order_status FROM ${fact} ORDER BY 1, 2`)).toEqual([
      { order_id: "10", line_number: 1, date_key: 20261129, order_date: "2026-11-29", customer_key: "1", product_key: "1", quantity: 2, unit_price_cents: "450", amount_cents: "900", order_status: "paid" },
      { order_id: "10", line_number: 2, date_key: 20261129, order_date: "2026-11-29", customer_key: "1", product_key: "2", quantity: 1, unit_price_cents: "1100", amount_cents: "1100", order_status: "paid" },
      { order_id: "11", line_number: 1, date_key: 20261201, order_date: "2026-12-01", customer_key: "2", product_key: "2", quantity: 3, unit_price_cents: "1200", amount_cents: "3600", order_status: "placed" },
    ]);
    expect(await read(`SELECT * FROM read_parquet(${t("dim_customer")}) ORDER BY 1`)).toEqual([
      { customer_key: "1", name: "Ada Lovelace", email: "ada@example.com", country: "GB" },
      { customer_key: "2", name: "Hopper, Grace", email: "grace@example.com", country: "US" },
    ]);
    expect(await read(`SELECT * FROM read_parquet(${t("dim_product")}) ORDER BY 1`)).toEqual([
      { product_key: "1", sku: "TEA-1", name: "Tea", category: "drinks", list_price_cents: "450" },
      { product_key: "2", sku: "CUP-1", name: "Cup", category: "uncategorized", list_price_cents: "1200" },
    ]);
    expect(await read(`SELECT date_key, strftime(date, '%Y-%m-%d') AS date, year, quarter, month, day, iso_day_of_week, is_weekend FROM read_parquet(${t("dim_date")}) ORDER BY 1`)).toEqual([
      { date_key: 20261129, date: "2026-11-29", year: 2026, quarter: 4, month: 11, day: 29, iso_day_of_week: 7, is_weekend: true },
      { date_key: 20261201, date: "2026-12-01", year: 2026, quarter: 4, month: 12, day: 1, iso_day_of_week: 2, is_weekend: false },
    ]);
    // Every fact row joins exactly one row of each dimension.
    const joined = await read(`SELECT count(*)::INTEGER AS n FROM ${fact} f JOIN read_parquet(${t("dim_customer")}) c USING (customer_key)
      JOIN read_parquet(${t("dim_product")}) p USING (product_key) JOIN read_parquet(${t("dim_date")}) d USING (date_key)`);
    expect(joined).toEqual([{ n: 3 }]);
  });

  it("counts the rows it rejects and writes each with its file, line and reason; what refers to a rejected row is rejected too", () => {
    expect(summary.rejected).toBe(8);
    const rejects = readFileSync(path.join(lake.target, "_rejects/all.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rejects.map((r: { file: string; line: number | null; reason: string }) => [r.file, r.line, r.reason])).toEqual([
      ["customers.csv", 4, "not 4 comma-separated fields"],
      ["customers.csv", null, "customer_id is not a positive integer"],
      ["order_lines.jsonl", 4, "order_id is not a loaded order"],
      ["order_lines.jsonl", 5, "quantity is not a whole number from 1 to 1000"],
      ["order_lines.jsonl", 6, "product_id is not a loaded product"],
      ["orders.csv", null, "customer_id is not a loaded customer"],
      ["products.jsonl", 2, "not a JSON object"],
      ["products.jsonl", 5, "price_cents is not a whole number of cents"],
    ]);
    expect(rejects[0].record).toBe("3,only two");
    expect(JSON.parse(rejects[5].record)).toEqual({ order_id: "12", customer_id: "9", ordered_at: "2026-11-30T10:00:00Z", status: "paid" });
  });
});

describe("etl: idempotent per run date", () => {
  it("a second run writes the same files, byte for byte", async () => {
    const lake = zones();
    expect((await etl(lake)).code).toBe(0);
    const first = new Map(files(lake.target).map((f) => [f, readFileSync(path.join(lake.target, f))]));
    expect((await etl(lake)).code).toBe(0);
    expect(files(lake.target)).toEqual([...first.keys()]);
    for (const [f, bytes] of first) expect(readFileSync(path.join(lake.target, f)).equals(bytes), f).toBe(true);
  });

  it("--run-date replaces that day's partition only, with the raw zone's rows of that day", async () => {
    const lake = zones();
    expect((await etl(lake)).code).toBe(0);
    const other = path.join(lake.target, "fact_order_lines/order_date=2026-12-01/part-0.parquet");
    const before = readFileSync(other);
    // The day is re-exported with order 10's second line gone: the re-run for that day reflects it.
    const lines = RAW["order_lines.jsonl"].split("\n").filter((l) => !l.includes('"order_id":10,"line_number":2'));
    writeFileSync(path.join(lake.source, "order_lines.jsonl"), lines.join("\n") + "\n");
    const run = await etl(lake, ["--run-date", "2026-11-29"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ runDate: "2026-11-29", dates: ["2026-11-29"], rows: { fact_order_lines: 1 } });
    expect(readFileSync(other).equals(before)).toBe(true);
    const day = `read_parquet('${path.join(lake.target, "fact_order_lines/order_date=2026-11-29")}/*.parquet')`;
    expect(await read(`SELECT order_id, line_number FROM ${day}`)).toEqual([{ order_id: "10", line_number: 1 }]);
    // A day without orders gets an empty partition, so a report for it reads zero rows rather than failing.
    expect((await etl(lake, ["--run-date", "2026-11-28"])).code).toBe(0);
    expect(await read(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path.join(lake.target, "fact_order_lines/order_date=2026-11-28")}/*.parquet')`)).toEqual([{ n: 0 }]);
  });
});

describe("etl: bad input exits 2 and writes nothing", () => {
  it.each([
    ["no source", { PIPELINE_SOURCE_URL: "" }, [], "PIPELINE_SOURCE_URL is not set; expected s3://<bucket>[/prefix], gs://<bucket>[/prefix], https://<account>.blob.core.windows.net/<container>[/prefix] or file:///<dir>"],
    ["an http target", { PIPELINE_TARGET_URL: "https://example.com/curated" }, [], 'PIPELINE_TARGET_URL is "https://example.com/curated"; expected s3://<bucket>[/prefix], gs://<bucket>[/prefix], https://<account>.blob.core.windows.net/<container>[/prefix] or file:///<dir>'],
    ["a bad run date", {}, ["--run-date", "yesterday"], 'arguments are ["--run-date","yesterday"]; expected none, or --run-date YYYY-MM-DD'],
  ])("%s", async (_name, env, args, message) => {
    const lake = zones();
    const run = await etl(lake, args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(files(lake.target)).toEqual([]);
  });

  it("a missing raw file or a CSV without its columns", async () => {
    const { ["products.jsonl"]: _, ...withoutProducts } = RAW;
    const missing = zones(withoutProducts);
    const run = await etl(missing);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${pathToFileURL(missing.source).href}: products.jsonl is missing from the source zone`);
    expect(files(missing.target)).toEqual([]);
    const headerless = zones({ ...RAW, "orders.csv": "order_id,customer,ordered_at,status\n10,1,2026-11-29T10:00:00Z,paid" });
    const bad = await etl(headerless);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("orders.csv: the header lacks customer_id; expected order_id,customer_id,ordered_at,status");
    expect(existsSync(path.join(headerless.target, "dim_customer"))).toBe(false);
  });
});

describe("etl: s3:// zones", () => {
  it("downloads the raw exports and uploads the same files a file:// run writes, signed, under the target's prefix", async () => {
    const s3 = await startFakeS3();
    try {
      for (const [name, text] of Object.entries(RAW)) s3.objects.set(`acme-dev-raw/${name}`, Buffer.from(text + "\n"));
      const run = await runCommand({
        command: ["node", "etl.js"],
        cwd: etlDir,
        env: { PIPELINE_SOURCE_URL: "s3://acme-dev-raw", PIPELINE_TARGET_URL: "s3://acme-dev-curated/star", ...s3.env() },
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const local = zones();
      expect((await etl(local)).code).toBe(0);
      const uploaded = [...s3.objects.keys()].filter((k) => k.startsWith("acme-dev-curated/")).sort();
      expect(uploaded).toEqual(files(local.target).map((f) => `acme-dev-curated/star/${f}`));
      for (const f of files(local.target)) expect(s3.objects.get(`acme-dev-curated/star/${f}`)?.equals(readFileSync(path.join(local.target, f))), f).toBe(true);
      expect(s3.requests.every((r) => r.signed)).toBe(true);
      expect(s3.requests.filter((r) => r.line.startsWith("GET")).map((r) => r.line.split("?")[0])).toEqual(Object.keys(RAW).map((n) => `GET /acme-dev-raw/${n}`));
    } finally {
      await s3.close();
    }
  });

  it("a raw file missing from the bucket exits 2 and uploads nothing", async () => {
    const s3 = await startFakeS3();
    try {
      s3.objects.set("acme-dev-raw/customers.csv", Buffer.from(RAW["customers.csv"]));
      const run = await runCommand({ command: ["node", "etl.js"], cwd: etlDir, env: { PIPELINE_SOURCE_URL: "s3://acme-dev-raw", PIPELINE_TARGET_URL: "s3://acme-dev-curated", ...s3.env() } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("s3://acme-dev-raw: products.jsonl is missing from the source zone");
      expect(s3.requests.some((r) => r.line.startsWith("PUT"))).toBe(false);
    } finally {
      await s3.close();
    }
  });
});
