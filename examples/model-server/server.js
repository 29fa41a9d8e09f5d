// A tiny HTTP service for the reference platform: no dependencies, health check at /healthz.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8080);

const server = createServer((request, response) => {
  const json = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (request.url === "/healthz") return json(200, { status: "ok" });
  if (request.url === "/predict" && request.method === "POST") {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      let input;
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        return json(400, { error: "the body is not JSON" });
      }
      const items = Array.isArray(input.items) ? input.items : [];
      // A stand-in model: recommends the items it was given, most recent first.
      json(200, { recommendations: [...items].reverse().slice(0, 5) });
    });
    return;
  }
  return json(404, { error: "not found" });
});

server.listen(port, () => console.log("recommender listening on " + port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
