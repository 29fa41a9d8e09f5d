// A tiny HTTP service for the reference platform: no dependencies, health check at /healthz.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8081);

const server = createServer((request, response) => {
  const json = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (request.url === "/healthz") return json(200, { status: "ok" });
  if (request.url === "/orders") return json(200, []);
  return json(404, { error: "not found" });
});

server.listen(port, () => console.log("orders listening on " + port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
