// Reports read from the curated zone the ETL writes (examples/etl: a Parquet star schema). One report: a day's
// sales, from that day's fact_order_lines partition joined to dim_product. Cancelled orders do not count.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { withLocalCopy } from "./lake.js";

const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

/** The day's sales, or undefined when the curated zone has no partition for `date` (the ETL has not run for it). */
export async function dailySales(db, lake, date) {
  const partition = `fact_order_lines/order_date=${date}/`;
  return withLocalCopy(lake, [partition, "dim_product/"], async (dir) => {
    const facts = path.join(dir, partition);
    if (!existsSync(facts) || !readdirSync(facts).some((f) => f.endsWith(".parquet"))) return undefined;
    const connection = await db.connect();
    try {
      const fact = `read_parquet(${literal(path.join(facts, "*.parquet"))})`;
      const product = `read_parquet(${literal(path.join(dir, "dim_product", "*.parquet"))})`;
      const totals = (
        await connection.runAndReadAll(`SELECT count(DISTINCT order_id)::INTEGER AS orders, count(*)::INTEGER AS lines,
            coalesce(sum(quantity), 0)::BIGINT AS units, coalesce(sum(amount_cents), 0)::BIGINT AS revenue_cents
          FROM ${fact} WHERE order_status <> 'cancelled'`)
      ).getRowObjectsJson()[0];
      const byProduct = (
        await connection.runAndReadAll(`SELECT p.sku, p.name, sum(f.quantity)::BIGINT AS units, sum(f.amount_cents)::BIGINT AS revenue_cents
          FROM ${fact} f JOIN ${product} p USING (product_key) WHERE f.order_status <> 'cancelled'
          GROUP BY p.sku, p.name ORDER BY revenue_cents DESC, p.sku`)
      ).getRowObjectsJson();
      return {
        date,
        orders: totals.orders,
        lines: totals.lines,
        units: Number(totals.units),
        revenueCents: Number(totals.revenue_cents),
        byProduct: byProduct.map((r) => ({ sku: r.sku, name: r.name, units: Number(r.units), revenueCents: Number(r.revenue_cents) })),
      };
    } finally {
      connection.closeSync();
    }
  });
}
