// A tiny batch job for the reference platform: reads newline-delimited JSON records from the raw zone,
// keeps the valid ones, and writes them to the curated zone. Locations come from the environment.
import { readFileSync, writeFileSync } from "node:fs";

const source = process.env.SOURCE_FILE ?? "/data/raw/orders.ndjson";
const target = process.env.TARGET_FILE ?? "/data/curated/orders.ndjson";

export function curate(lines) {
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    })
    .filter((record) => record && typeof record.id === "number" && typeof record.total === "number" && record.total >= 0);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const records = curate(readFileSync(source, "utf8").split("\n"));
  writeFileSync(target, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`etl: wrote ${records.length} records to ${target}`);
}
