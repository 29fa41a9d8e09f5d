#!/usr/bin/env node
// The ETL pipeline's job, run by the platform's CronJob on the spec's schedule: reads the raw zone
// (PIPELINE_SOURCE_URL), writes the curated zone (PIPELINE_TARGET_URL) as a Parquet star schema (star-schema.js).
//   node etl.js                        every order date in the raw exports
//   node etl.js --run-date 2026-11-30  that day's fact partition only (a backfill or a re-run)
// Rows that break a rule are counted and written to the curated zone's _rejects/<run>.jsonl; they do not fail the
// run. Exit 2 on a bad location, argument or raw file shape (nothing written), 1 on any other failure. The target
// is written only after the whole transform succeeded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { LocationError, parseLocation, publish, stageInputs } from "./lake.js";
import { buildStarSchema, InputError, INPUTS } from "./star-schema.js";

class UsageError extends Error {}

function runDateFrom(argv) {
  if (argv.length === 0) return undefined;
  const [flag, value, ...rest] = argv;
  if (flag !== "--run-date" || rest.length || !/^\d{4}-\d{2}-\d{2}$/.test(value ?? "") || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`arguments are ${JSON.stringify(argv)}; expected none, or --run-date YYYY-MM-DD`);
  }
  return value;
}

async function main() {
  const runDate = runDateFrom(process.argv.slice(2));
  const source = parseLocation("PIPELINE_SOURCE_URL", process.env.PIPELINE_SOURCE_URL);
  const target = parseLocation("PIPELINE_TARGET_URL", process.env.PIPELINE_TARGET_URL);
  const work = mkdtempSync(path.join(tmpdir(), "etl-"));
  try {
    const local = await stageInputs(source, INPUTS, work);
    const out = path.join(work, "out");
    // No extension is ever downloaded or loaded (parquet and json are built into the bindings; the job runs offline),
    // and DuckDB spills, if ever, into the run's temp dir: the root filesystem is read-only in the pod.
    const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false", temp_directory: path.join(work, "duckdb") });
    const db = await instance.connect();
    let result;
    try {
      result = await buildStarSchema(db, local, out, runDate);
    } finally {
      db.closeSync();
      instance.closeSync();
    }
    const files = await publish(out, target);
    console.log(JSON.stringify({ etl: "done", source: source.url, target: target.url, runDate: runDate ?? null, dates: result.dates, rows: result.rows, rejected: result.rejected, rejects: result.rejectsFile, files }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`etl: ${error.message}`);
  process.exit(error instanceof UsageError || error instanceof LocationError || error instanceof InputError ? 2 : 1);
});
