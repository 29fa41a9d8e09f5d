// The transform: the raw zone's exports of the orders database (customers.csv, products.jsonl, orders.csv,
// order_lines.jsonl) checked row by row and shaped as a star schema for the warehouse:
//   fact_order_lines  one row per order line, partitioned by order date (fact_order_lines/order_date=YYYY-MM-DD/)
//   dim_customer, dim_product, dim_date
// Dimension keys are the source ids (customer_key = customer id), so fact partitions written on different days
// join the same dimension rows. A row that breaks a rule is not loaded: it goes to the rejects with its reason, and
// anything that refers to it (an order of a rejected customer) is rejected in turn.
import { mkdirSync } from "node:fs";
import path from "node:path";

export const INPUTS = ["customers.csv", "products.jsonl", "orders.csv", "order_lines.jsonl"];
const CSV_COLUMNS = { "customers.csv": ["customer_id", "name", "email", "country"], "orders.csv": ["order_id", "customer_id", "ordered_at", "status"] };

/** A raw file whose shape is wrong as a whole (a missing column): exit 2. */
export class InputError extends Error {}

const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

const SETUP = `
SET TimeZone = 'UTC';
CREATE MACRO id_or_null(v) AS CASE WHEN regexp_full_match(coalesce(v, ''), '[1-9][0-9]{0,14}') THEN v::BIGINT END;
CREATE MACRO count_or_null(v) AS CASE WHEN regexp_full_match(coalesce(v, ''), '(0|[1-9][0-9]{0,11})') THEN v::BIGINT END;
`;

async function loadCsv(db, table, file, local) {
  await db.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${literal(local)}, all_varchar = true, header = true, strict_mode = true,
    store_rejects = true, rejects_table = '${table}_errors', rejects_scan = '${table}_scan')`);
  const columns = (await db.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${table})`)).getRows().map((r) => r[0]);
  const missing = CSV_COLUMNS[file].filter((c) => !columns.includes(c));
  if (missing.length) throw new InputError(`${file}: the header lacks ${missing.join(", ")}; expected ${CSV_COLUMNS[file].join(",")}`);
  // A row the CSV reader could not split into the header's columns: one reject per line.
  await db.run(`CREATE TABLE ${table}_unreadable AS SELECT ${literal(file)} AS file, line::BIGINT AS line,
    'not ' || ${CSV_COLUMNS[file].length} || ' comma-separated fields' AS reason, any_value(csv_line) AS record
    FROM ${table}_errors GROUP BY line`);
}

async function loadJsonLines(db, table, file, local) {
  await db.run(`CREATE TABLE ${table}_lines AS SELECT line, doc FROM (
      SELECT unnest(lines) AS doc, unnest(range(1, len(lines) + 1)) AS line
      FROM (SELECT string_split(replace(content, chr(13), ''), chr(10)) AS lines FROM read_text(${literal(local)})))
    WHERE trim(doc) <> ''`);
  await db.run(`CREATE TABLE ${table}_unreadable AS SELECT ${literal(file)} AS file, line, 'not a JSON object' AS reason, doc AS record
    FROM ${table}_lines WHERE NOT CASE WHEN json_valid(doc) THEN json_type(doc) = 'OBJECT' ELSE false END`);
  await db.run(`CREATE TABLE ${table} AS SELECT line, doc FROM ${table}_lines
    WHERE CASE WHEN json_valid(doc) THEN json_type(doc) = 'OBJECT' ELSE false END`);
}

// Each check names the first rule a row breaks; NULL means the row is loaded.
const CHECKS = `
CREATE TABLE customers_checked AS SELECT *, CASE
    WHEN id_or_null(customer_id) IS NULL THEN 'customer_id is not a positive integer'
    WHEN coalesce(trim(name), '') = '' THEN 'name is empty'
    WHEN NOT regexp_full_match(coalesce(trim(email), ''), '[^@\\s]+@[^@\\s]+') THEN 'email is not an e-mail address'
    WHEN count(*) OVER (PARTITION BY customer_id) > 1 THEN 'customer_id appears more than once'
  END AS reason FROM raw_customers;

CREATE TABLE products_checked AS SELECT line, doc, doc->>'$.product_id' AS product_id, doc->>'$.sku' AS sku, doc->>'$.name' AS name,
    doc->>'$.category' AS category, doc->>'$.price_cents' AS price_cents, CASE
    WHEN id_or_null(doc->>'$.product_id') IS NULL THEN 'product_id is not a positive integer'
    WHEN coalesce(trim(doc->>'$.sku'), '') = '' THEN 'sku is empty'
    WHEN coalesce(trim(doc->>'$.name'), '') = '' THEN 'name is empty'
    WHEN count_or_null(doc->>'$.price_cents') IS NULL THEN 'price_cents is not a whole number of cents'
    WHEN count(*) OVER (PARTITION BY doc->>'$.product_id') > 1 THEN 'product_id appears more than once'
  END AS reason FROM raw_products;

CREATE TABLE orders_checked AS SELECT *, CASE
    WHEN id_or_null(order_id) IS NULL THEN 'order_id is not a positive integer'
    WHEN id_or_null(customer_id) NOT IN (SELECT customer_id::BIGINT FROM customers_checked WHERE reason IS NULL) OR id_or_null(customer_id) IS NULL
      THEN 'customer_id is not a loaded customer'
    WHEN try_cast(ordered_at AS TIMESTAMPTZ) IS NULL THEN 'ordered_at is not an ISO 8601 timestamp'
    WHEN coalesce(status, '') NOT IN ('placed', 'paid', 'shipped', 'cancelled') THEN 'status is not placed, paid, shipped or cancelled'
    WHEN count(*) OVER (PARTITION BY order_id) > 1 THEN 'order_id appears more than once'
  END AS reason FROM raw_orders;

CREATE TABLE lines_checked AS SELECT line, doc, id_or_null(doc->>'$.order_id') AS order_id, id_or_null(doc->>'$.line_number') AS line_number,
    id_or_null(doc->>'$.product_id') AS product_id, count_or_null(doc->>'$.quantity') AS quantity,
    count_or_null(doc->>'$.unit_price_cents') AS unit_price_cents, CASE
    WHEN id_or_null(doc->>'$.order_id') IS NULL OR id_or_null(doc->>'$.order_id') NOT IN (SELECT order_id::BIGINT FROM orders_checked WHERE reason IS NULL)
      THEN 'order_id is not a loaded order'
    WHEN id_or_null(doc->>'$.line_number') IS NULL THEN 'line_number is not a positive integer'
    WHEN id_or_null(doc->>'$.product_id') IS NULL OR id_or_null(doc->>'$.product_id') NOT IN (SELECT product_id::BIGINT FROM products_checked WHERE reason IS NULL)
      THEN 'product_id is not a loaded product'
    WHEN count_or_null(doc->>'$.quantity') IS NULL OR count_or_null(doc->>'$.quantity') NOT BETWEEN 1 AND 1000 THEN 'quantity is not a whole number from 1 to 1000'
    WHEN count_or_null(doc->>'$.unit_price_cents') IS NULL THEN 'unit_price_cents is not a whole number of cents'
    WHEN count(*) OVER (PARTITION BY doc->>'$.order_id', doc->>'$.line_number') > 1 THEN 'order_id and line_number appear more than once'
  END AS reason FROM raw_order_lines;
`;

const STAR = `
CREATE TABLE dim_customer AS SELECT customer_id::BIGINT AS customer_key, trim(name) AS name, lower(trim(email)) AS email,
    upper(nullif(trim(country), '')) AS country
  FROM customers_checked WHERE reason IS NULL ORDER BY customer_key;

CREATE TABLE dim_product AS SELECT product_id::BIGINT AS product_key, trim(sku) AS sku, trim(name) AS name,
    coalesce(nullif(trim(category), ''), 'uncategorized') AS category, price_cents::BIGINT AS list_price_cents
  FROM products_checked WHERE reason IS NULL ORDER BY product_key;

CREATE TABLE fact_order_lines AS SELECT o.order_id::BIGINT AS order_id, l.line_number::INTEGER AS line_number,
    CAST(strftime(o.ordered_at::TIMESTAMPTZ, '%Y%m%d') AS INTEGER) AS date_key, o.ordered_at::TIMESTAMPTZ::DATE AS order_date,
    o.customer_id::BIGINT AS customer_key, l.product_id AS product_key, l.quantity::INTEGER AS quantity,
    l.unit_price_cents AS unit_price_cents, l.quantity * l.unit_price_cents AS amount_cents, o.status AS order_status
  FROM lines_checked l JOIN orders_checked o ON o.order_id::BIGINT = l.order_id
  WHERE l.reason IS NULL AND o.reason IS NULL ORDER BY order_id, line_number;

CREATE TABLE dim_date AS SELECT DISTINCT date_key, order_date AS date, year(order_date)::INTEGER AS year, quarter(order_date)::INTEGER AS quarter,
    month(order_date)::INTEGER AS month, day(order_date)::INTEGER AS day, isodow(order_date)::INTEGER AS iso_day_of_week,
    isodow(order_date) >= 6 AS is_weekend
  FROM fact_order_lines ORDER BY date_key;

CREATE TABLE rejects AS
  SELECT * FROM raw_customers_unreadable UNION ALL SELECT * FROM raw_orders_unreadable
  UNION ALL SELECT * FROM raw_products_unreadable UNION ALL SELECT * FROM raw_order_lines_unreadable
  UNION ALL SELECT 'customers.csv', NULL, reason, to_json(struct_pack(customer_id, name, email, country))::VARCHAR FROM customers_checked WHERE reason IS NOT NULL
  UNION ALL SELECT 'orders.csv', NULL, reason, to_json(struct_pack(order_id, customer_id, ordered_at, status))::VARCHAR FROM orders_checked WHERE reason IS NOT NULL
  UNION ALL SELECT 'products.jsonl', line, reason, doc FROM products_checked WHERE reason IS NOT NULL
  UNION ALL SELECT 'order_lines.jsonl', line, reason, doc FROM lines_checked WHERE reason IS NOT NULL;
`;

/**
 * Builds the star schema from the staged raw files into `out` (Parquet, plus _rejects/<label>.jsonl) and returns
 * what it wrote. `runDate` limits the fact to that day's partition; without it every order date is (re)written.
 * Either way a partition is written whole, under a fixed name, so running a day again replaces it with the same rows.
 */
export async function buildStarSchema(db, local, out, runDate) {
  await db.run(SETUP);
  await loadCsv(db, "raw_customers", "customers.csv", local["customers.csv"]);
  await loadCsv(db, "raw_orders", "orders.csv", local["orders.csv"]);
  await loadJsonLines(db, "raw_products", "products.jsonl", local["products.jsonl"]);
  await loadJsonLines(db, "raw_order_lines", "order_lines.jsonl", local["order_lines.jsonl"]);
  await db.run(CHECKS);
  await db.run(STAR);
  const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjectsJson();
  const dates = runDate ? [runDate] : (await rows("SELECT DISTINCT strftime(order_date, '%Y-%m-%d') AS d FROM fact_order_lines ORDER BY d")).map((r) => r.d);
  const copy = async (sql, file) => {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    await db.run(`COPY (${sql}) TO ${literal(path.join(out, file))} (FORMAT PARQUET)`);
  };
  const written = {};
  for (const table of ["dim_customer", "dim_product", "dim_date"]) {
    await copy(`SELECT * FROM ${table}`, `${table}/part-0.parquet`);
    written[table] = Number((await rows(`SELECT count(*) AS n FROM ${table}`))[0].n);
  }
  written.fact_order_lines = 0;
  for (const date of dates) {
    const partition = `fact_order_lines/order_date=${date}`;
    await copy(`SELECT * EXCLUDE (order_date) FROM fact_order_lines WHERE order_date = DATE ${literal(date)} ORDER BY order_id, line_number`, `${partition}/part-0.parquet`);
    written.fact_order_lines += Number((await rows(`SELECT count(*) AS n FROM fact_order_lines WHERE order_date = DATE ${literal(date)}`))[0].n);
  }
  const label = runDate ?? "all";
  mkdirSync(path.join(out, "_rejects"), { recursive: true });
  await db.run(`COPY (SELECT file, line, reason, record FROM rejects ORDER BY file, line NULLS LAST, record) TO ${literal(path.join(out, "_rejects", `${label}.jsonl`))} (FORMAT JSON)`);
  const rejected = Number((await rows("SELECT count(*) AS n FROM rejects"))[0].n);
  return { dates, rows: written, rejected, rejectsFile: `_rejects/${label}.jsonl` };
}
