import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../support/run-app.ts";
import { loopbackAddresses } from "./loopback.ts";
import { LOCAL_NETWORK } from "./offline-system.ts";

/** The one network mapping the workloads run under (local-network.mjs), run in a real Node process. */
let peer: Server;
let bind: string;
let peerAddress: string;
beforeAll(async () => {
  [bind, peerAddress] = (await loopbackAddresses(2, [8080])) as [string, string];
  peer = createServer((socket) => socket.end("peer\n"));
  await new Promise<void>((resolve) => peer.listen(8080, peerAddress, resolve));
});
afterAll(() => new Promise<void>((resolve) => peer.close(() => resolve())));

// Runs `script` as an ES module under the preload, with the mapping's variables; prints what it prints.
const run = (script: string, hosts: Record<string, string> = {}) =>
  runCommand({
    command: ["node", "--input-type=module", "-e", script],
    cwd: process.cwd(),
    env: { NODE_OPTIONS: `--import=${LOCAL_NETWORK}`, STRATUM_LOCAL_BIND: bind, STRATUM_LOCAL_HOSTS: JSON.stringify({ "orders.acme-dev.svc.cluster.local": peerAddress, ...hosts }) },
  });

describe("local-network.mjs", () => {
  it("a listen() without a host, or on every interface, binds the workload's own address", async () => {
    const result = await run(`import net from "node:net";
      for (const host of [undefined, "0.0.0.0"]) {
        const s = net.createServer();
        await new Promise((r) => (host ? s.listen(0, host, r) : s.listen(0, r)));
        console.log(s.address().address);
        s.close();
      }`);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`${bind}\n${bind}\n`);
  });

  it("resolves the plan's host names to their loopback addresses, and nothing else", async () => {
    const result = await run(`import net from "node:net";
      const dial = (host) => new Promise((resolve) => {
        const socket = net.connect(8080, host);
        socket.on("data", (d) => resolve(host + " " + d.toString().trim()));
        socket.on("error", (e) => resolve(host + " " + e.code + " " + e.message));
      });
      for (const host of ["orders.acme-dev.svc.cluster.local", "example.com", "10.0.0.1"]) console.log(await dial(host));
      const response = await fetch("http://api.example.com/").catch((e) => e.cause.code);
      console.log(response);`);
    expect(result.stdout.trim().split("\n")).toEqual([
      "orders.acme-dev.svc.cluster.local peer",
      "example.com ENOTFOUND getaddrinfo ENOTFOUND example.com (the end-to-end test maps only the plan's own hosts)",
      "10.0.0.1 ENOTFOUND getaddrinfo ENOTFOUND 10.0.0.1 (the end-to-end test reaches loopback addresses only)",
      "ENOTFOUND",
    ]);
  });

  it("maps a planned private IP like a name, and a cloud endpoint's host:port to a stand-in's address:port", async () => {
    const result = await run(
      `import net from "node:net";
      const dial = (port, host) => new Promise((resolve) => {
        const socket = net.connect(port, host);
        socket.on("data", (d) => resolve(host + ":" + port + " " + d.toString().trim()));
        socket.on("error", (e) => resolve(host + ":" + port + " " + e.code));
      });
      console.log(await dial(8080, "10.60.0.3"));
      console.log(await dial(443, "acmedevlake.blob.core.windows.net"));
      console.log(await dial(80, "acmedevlake.blob.core.windows.net"));`,
      { "10.60.0.3": peerAddress, "acmedevlake.blob.core.windows.net:443": `${peerAddress}:8080` },
    );
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toEqual([
      "10.60.0.3:8080 peer",
      "acmedevlake.blob.core.windows.net:443 peer",
      // The name resolves (to the stand-in's address), but only the mapped port is forwarded: 80 finds nobody there.
      "acmedevlake.blob.core.windows.net:80 ECONNREFUSED",
    ]);
  });
});
