// The orders service, reached through the URL the platform gives this service for its `talksTo: [orders]`
// (SERVICE_ORDERS_URL, http://orders.<namespace>.svc.cluster.local:<port>). Answers orders gives on purpose
// (200, 201, 400, 404, 409) pass through; anything else, or no answer, is a 502 of this API.
import { HttpError } from "./http.js";

const PASSED_ON = new Set([200, 201, 400, 404, 409]);

export function ordersClient(baseUrl) {
  const call = async (method, route, body) => {
    let response;
    try {
      response = await fetch(new URL(route, baseUrl), {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new HttpError(502, `the orders service did not answer: ${error.cause?.code ?? error.message}`);
    }
    const text = await response.text();
    if (!PASSED_ON.has(response.status)) throw new HttpError(502, `the orders service answered ${response.status}`);
    try {
      return [response.status, JSON.parse(text)];
    } catch {
      throw new HttpError(502, `the orders service answered ${response.status} without JSON`);
    }
  };
  return {
    getOrder: (id) => call("GET", `/orders/${id}`),
    listOrders: (query) => call("GET", `/orders?${new URLSearchParams(query)}`),
    placeOrder: (order) => call("POST", "/orders", order),
    /** True when orders answers its own readiness check. */
    ready: async () => {
      try {
        const response = await fetch(new URL("/readyz", baseUrl), { signal: AbortSignal.timeout(2_000) });
        return response.status === 200;
      } catch {
        return false;
      }
    },
  };
}
