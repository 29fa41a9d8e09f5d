// The public API checks what it is sent before anything reaches the orders service: each refusal names the
// field, the value and what was expected (400).
import { HttpError } from "./http.js";

function object(value, allowed, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new HttpError(400, `${what} must be a JSON object`);
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length) throw new HttpError(400, `${what} has unknown field(s) ${extra.join(", ")}; expected ${allowed.join(", ")}`);
  return value;
}

function integer(value, field, min, max) {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new HttpError(400, `${field} is ${JSON.stringify(value)}; expected an integer from ${min} to ${max}`);
  return value;
}

export function id(raw, field) {
  if (!/^[1-9][0-9]{0,15}$/.test(raw ?? "")) throw new HttpError(400, `${field} is ${JSON.stringify(raw)}; expected a positive integer id`);
  return raw;
}

/** `{ customerId, lines: [{ productId, quantity }] }`, 1 to 100 lines of 1 to 1000 each. */
export function orderInput(value) {
  const body = object(value, ["customerId", "lines"], "the order");
  const customerId = integer(body.customerId, "customerId", 1, Number.MAX_SAFE_INTEGER);
  if (!Array.isArray(body.lines) || body.lines.length < 1 || body.lines.length > 100) throw new HttpError(400, "lines must be an array of 1 to 100 order lines");
  const lines = body.lines.map((line, i) => {
    const l = object(line, ["productId", "quantity"], `lines[${i}]`);
    return { productId: integer(l.productId, `lines[${i}].productId`, 1, Number.MAX_SAFE_INTEGER), quantity: integer(l.quantity, `lines[${i}].quantity`, 1, 1000) };
  });
  return { customerId, lines };
}

/** A calendar date, YYYY-MM-DD, that exists. */
export function date(raw, field) {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw ?? "") && new Date(`${raw}T00:00:00Z`).toISOString().startsWith(raw);
  if (!valid) throw new HttpError(400, `${field} is ${JSON.stringify(raw)}; expected a date YYYY-MM-DD`);
  return raw;
}
