import { createServer, connect, type Server } from "node:net";
import { randomInt } from "node:crypto";

/**
 * Loopback addresses for the workloads' stand-in network namespaces. A random /24 of 127.0.0.0/8 per run, so two
 * runs on one machine (or any other server on 127.0.0.1) never meet; each address is checked free on the ports
 * the run will bind there before it is handed out.
 */
export async function loopbackAddresses(count: number, ports: readonly number[]): Promise<string[]> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const prefix = `127.${randomInt(1, 255)}.${randomInt(0, 256)}`;
    const addresses = Array.from({ length: count }, (_, i) => `${prefix}.${i + 1}`);
    const free = await Promise.all(addresses.flatMap((a) => ports.map((p) => canBind(a, p))));
    if (free.every(Boolean)) return addresses;
  }
  throw new Error(`no free /24 in 127.0.0.0/8 for ${count} addresses on ports ${ports.join(", ")} after 20 tries`);
}

function canBind(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A Service's stand-in: listens on the Service's own address and port and forwards each connection to the pod's
 * address and resolved targetPort, as kube-proxy does for a ClusterIP. A pod that listens elsewhere is refused.
 */
export function forwarder(listen: { host: string; port: number }, target: { host: string; port: number }): Promise<Server> {
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.pipe(upstream).pipe(client);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve(server));
  });
}
