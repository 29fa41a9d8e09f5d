import { writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A raw zone as the orders database's exports land in it (the files the ETL reads), with a few rows that break the
 * ETL's rules; the ETL's test knows exactly what each becomes, and an end-to-end test can lay it out as the lake.
 */
export const RAW = {
  "customers.csv": [
    "customer_id,name,email,country",
    "1,Ada Lovelace,ADA@example.com,gb",
    '2,"Hopper, Grace",grace@example.com,US',
    "3,only two", // not 4 fields
    "x,Bad Id,bad@example.com,US", // not an id
  ].join("\n"),
  "products.jsonl": [
    '{"product_id":1,"sku":"TEA-1","name":"Tea","category":"drinks","price_cents":450}',
    "{not json",
    '{"product_id":2,"sku":"CUP-1","name":"Cup","price_cents":1200}',
    "",
    '{"product_id":3,"sku":"BAD","name":"Bad price","price_cents":1.5}',
  ].join("\n"),
  "orders.csv": [
    "order_id,customer_id,ordered_at,status",
    "10,1,2026-11-29T10:00:00Z,paid",
    "11,2,2026-11-30T23:30:00-02:00,placed", // 01:30 UTC on 1 December: partitioned by the UTC date
    "12,9,2026-11-30T10:00:00Z,paid", // unknown customer
    "13,1,2026-11-29T18:00:00Z,cancelled",
  ].join("\n"),
  "order_lines.jsonl": [
    '{"order_id":10,"line_number":1,"product_id":1,"quantity":2,"unit_price_cents":450}',
    '{"order_id":10,"line_number":2,"product_id":2,"quantity":1,"unit_price_cents":1100}',
    '{"order_id":11,"line_number":1,"product_id":2,"quantity":3,"unit_price_cents":1200}',
    '{"order_id":12,"line_number":1,"product_id":2,"quantity":1,"unit_price_cents":1200}', // its order was rejected
    '{"order_id":13,"line_number":1,"product_id":1,"quantity":0,"unit_price_cents":450}', // quantity 0
    '{"order_id":13,"line_number":2,"product_id":3,"quantity":1,"unit_price_cents":150}', // its product was rejected
  ].join("\n"),
};

/** Writes `raw` (default RAW) into `dir` as the raw zone's files. */
export function writeRawZone(dir: string, raw: Readonly<Record<string, string>> = RAW): void {
  for (const [name, text] of Object.entries(raw)) writeFileSync(path.join(dir, name), text + "\n");
}
