// Input checks for the REST endpoints: each names the field, the value and what was expected (400).
import { HttpError } from "./http.js";

export function object(value, allowed, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new HttpError(400, `${what} must be a JSON object`);
  const extra = Object.keys(value).filter((k) => !allowed.includes(k));
  if (extra.length) throw new HttpError(400, `${what} has unknown field(s) ${extra.join(", ")}; expected ${allowed.join(", ")}`);
  return value;
}

export function text(value, field, { max = 200, pattern } = {}) {
  if (typeof value !== "string" || value.trim() === "" || value.length > max || (pattern && !pattern.test(value))) {
    throw new HttpError(400, `${field} is ${JSON.stringify(value)}; expected a non-empty string of at most ${max} characters${pattern ? ` matching ${pattern}` : ""}`);
  }
  return value;
}

export function integer(value, field, min, max) {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new HttpError(400, `${field} is ${JSON.stringify(value)}; expected an integer from ${min} to ${max}`);
  return value;
}

/** A path or query id: digits only, as the tables' bigint identity keys. */
export function id(raw, field) {
  if (!/^[1-9][0-9]{0,15}$/.test(raw ?? "")) throw new HttpError(400, `${field} is ${JSON.stringify(raw)}; expected a positive integer id`);
  return Number(raw);
}

/** `{ customerId, lines: [{ productId, quantity }] }`, 1 to 100 lines. */
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
