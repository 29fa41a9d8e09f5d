// The SQL behind the endpoints. Every write that touches several rows runs in one transaction.
import { HttpError } from "./http.js";

const UNIQUE_VIOLATION = "23505";

const customer = (r) => ({ id: Number(r.id), name: r.name, email: r.email, createdAt: r.created_at.toISOString() });
const product = (r) => ({ id: Number(r.id), sku: r.sku, name: r.name, priceCents: r.price_cents });

export async function createCustomer(pool, { name, email }) {
  try {
    const { rows } = await pool.query("INSERT INTO customers (name, email) VALUES ($1, $2) RETURNING *", [name, email]);
    return customer(rows[0]);
  } catch (error) {
    if (error.code === UNIQUE_VIOLATION) throw new HttpError(409, `a customer with email ${JSON.stringify(email)} exists`);
    throw error;
  }
}

export async function createProduct(pool, { sku, name, priceCents }) {
  try {
    const { rows } = await pool.query("INSERT INTO products (sku, name, price_cents) VALUES ($1, $2, $3) RETURNING *", [sku, name, priceCents]);
    return product(rows[0]);
  } catch (error) {
    if (error.code === UNIQUE_VIOLATION) throw new HttpError(409, `a product with sku ${JSON.stringify(sku)} exists`);
    throw error;
  }
}

/** Places an order at the products' current prices; 404 naming any unknown customer or product. */
export async function createOrder(pool, { customerId, lines }) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const owner = await client.query("SELECT id FROM customers WHERE id = $1", [customerId]);
    if (owner.rowCount === 0) throw new HttpError(404, `customer ${customerId} does not exist`);
    const ids = [...new Set(lines.map((l) => l.productId))];
    // FOR SHARE: the prices read are the prices charged, even if a product is updated meanwhile.
    const { rows } = await client.query("SELECT id, price_cents FROM products WHERE id = ANY($1::bigint[]) FOR SHARE", [ids]);
    const prices = new Map(rows.map((r) => [Number(r.id), r.price_cents]));
    const unknown = ids.filter((id) => !prices.has(id));
    if (unknown.length) throw new HttpError(404, `product(s) ${unknown.join(", ")} do not exist`);
    const order = await client.query("INSERT INTO orders (customer_id) VALUES ($1) RETURNING id", [customerId]);
    const orderId = Number(order.rows[0].id);
    for (const [i, line] of lines.entries()) {
      await client.query("INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)", [
        orderId,
        i + 1,
        line.productId,
        line.quantity,
        prices.get(line.productId),
      ]);
    }
    await client.query("COMMIT");
    return getOrder(pool, orderId);
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

export async function getOrder(pool, id) {
  const { rows } = await pool.query("SELECT id, customer_id, status, created_at FROM orders WHERE id = $1", [id]);
  if (rows.length === 0) return undefined;
  const lines = await pool.query(
    "SELECT line_number, product_id, quantity, unit_price_cents FROM order_lines WHERE order_id = $1 ORDER BY line_number",
    [id],
  );
  return orderBody(rows[0], lines.rows);
}

/** The newest orders first, optionally one customer's. */
export async function listOrders(pool, { customerId, limit }) {
  const { rows } = await pool.query(
    `SELECT o.id, o.customer_id, o.status, o.created_at,
            coalesce(sum(l.quantity * l.unit_price_cents), 0)::bigint AS total_cents, count(l.*)::int AS line_count
       FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
      WHERE $1::bigint IS NULL OR o.customer_id = $1
      GROUP BY o.id ORDER BY o.id DESC LIMIT $2`,
    [customerId ?? null, limit],
  );
  return rows.map((r) => ({ ...orderHeader(r), totalCents: Number(r.total_cents), lineCount: r.line_count }));
}

function orderHeader(r) {
  return { id: Number(r.id), customerId: Number(r.customer_id), status: r.status, createdAt: r.created_at.toISOString() };
}

function orderBody(r, lines) {
  const body = lines.map((l) => ({ lineNumber: l.line_number, productId: Number(l.product_id), quantity: l.quantity, unitPriceCents: l.unit_price_cents }));
  return { ...orderHeader(r), lines: body, totalCents: body.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0) };
}

/** Ready when the database answers and holds every migration this image ships. */
export async function schemaVersion(pool, schema) {
  const { rows } = await pool.query(`SELECT coalesce(max(version), 0) AS version FROM ${schema}.schema_migrations`);
  return rows[0].version;
}
