// A tiny HTTP service for the reference platform: no dependencies, health check at /healthz.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8080);

const server = createServer((request, response) => {
  const json = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (request.url === "/healthz") return json(200, { status: "ok" });
  if (request.url === "/api/products") return json(200, [{ id: 1, name: "tea" }, { id: 2, name: "coffee" }]);
  return json(404, { error: "not found" });
});

server.listen(port, () => console.log("api listening on " + port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
