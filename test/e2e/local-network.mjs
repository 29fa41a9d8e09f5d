// Preloaded (NODE_OPTIONS=--import) into every workload the end-to-end test runs, so that a workload runs with
// exactly the command, port and environment its pod has, and still finds its peers on this machine:
// - on the cluster every pod has a network namespace of its own, so every service can listen on 8080; here each
//   workload gets its own loopback address (STRATUM_LOCAL_BIND, 127.x.y.z) and a listen() without a host (or on
//   every interface) binds that address instead;
// - host names the plan hands out (cluster DNS names, the database endpoint) resolve to loopback addresses from
//   STRATUM_LOCAL_HOSTS (a JSON object host → address); any other name fails, and so does a connection to an
//   address outside 127.0.0.0/8, so nothing leaves the machine. A key `host:port` maps connections to that port
//   to `address:port` instead: the cloud's own endpoints (https://<account>.blob.core.windows.net on 443, the
//   metadata server on 80) reach a stand-in on a port a test may bind, under the name the app was given;
// - every address and port the workload listens on is appended to STRATUM_LOCAL_LISTEN_LOG, so the test can tell
//   at once that a workload listens somewhere its manifest's port does not say.
// This is the test's whole network mapping, in one place; the workloads' code and their environment are unchanged.
import { appendFileSync } from "node:fs";
import dns from "node:dns";
import net from "node:net";

const hosts = JSON.parse(process.env.STRATUM_LOCAL_HOSTS ?? "{}");
const bind = process.env.STRATUM_LOCAL_BIND;
const listenLog = process.env.STRATUM_LOCAL_LISTEN_LOG;
const ports = {};
for (const [name, address] of Object.entries(hosts)) {
  const endpoint = /^(.+):(\d{1,5})$/.exec(name);
  if (endpoint && !net.isIP(name)) {
    const to = /^(.+):(\d{1,5})$/.exec(address);
    if (!to || !isLoopback(to[1])) throw new Error(`STRATUM_LOCAL_HOSTS: ${name} maps to ${address}, not a loopback address:port`);
    ports[name] = { host: to[1], port: Number(to[2]) };
    // The name resolves too (a client may look it up before it connects), to the stand-in's address.
    hosts[endpoint[1]] ??= to[1];
    continue;
  }
  if (!isLoopback(address)) throw new Error(`STRATUM_LOCAL_HOSTS: ${name} maps to ${address}, not a loopback address`);
}
if (bind !== undefined && !isLoopback(bind)) throw new Error(`STRATUM_LOCAL_BIND is ${bind}, not a loopback address`);

function isLoopback(address) {
  return (net.isIPv4(address) && address.startsWith("127.")) || address === "::1";
}

function refused(hostname, why) {
  const error = new Error(`getaddrinfo ENOTFOUND ${hostname} (${why})`);
  error.code = "ENOTFOUND";
  error.hostname = hostname;
  return error;
}

function mapped(hostname) {
  if (hostname === "localhost") return "127.0.0.1";
  // A planned address (a private IP the plan hands out) maps like a name.
  if (hosts[hostname]) return hosts[hostname];
  if (net.isIP(hostname)) {
    if (isLoopback(hostname)) return hostname;
    throw refused(hostname, "the end-to-end test reaches loopback addresses only");
  }
  const address = hosts[hostname];
  if (address) return address;
  throw refused(hostname, "the end-to-end test maps only the plan's own hosts");
}

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === "function" ? options : callback;
  const opts = typeof options === "function" ? {} : typeof options === "number" ? { family: options } : (options ?? {});
  let address;
  try {
    address = mapped(hostname);
  } catch (error) {
    process.nextTick(done, error);
    return {};
  }
  return originalLookup.call(dns, address, { ...opts, family: 0 }, done);
};
const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  return originalPromiseLookup.call(dns.promises, mapped(hostname), options);
};

// An IP address skips the lookup above: check it where every TCP connection starts. A mapped `host:port` is
// rewritten here, before the lookup; TLS has taken the name to check the certificate against already.
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    const to = typeof args[1] === "string" ? ports[`${args[1]}:${args[0]}`] : undefined;
    if (to) args.splice(0, 2, to.port, to.host);
    else if (typeof args[1] === "string" && net.isIP(args[1]) && hosts[args[1]]) args[1] = hosts[args[1]];
  }
  const options = args[0] && typeof args[0] === "object" && !Array.isArray(args[0]) ? args[0] : Array.isArray(args[0]) ? args[0][0] : { host: args[1] };
  const to = options && typeof options.host === "string" ? ports[`${options.host}:${options.port}`] : undefined;
  if (to) {
    options.host = to.host;
    options.port = to.port;
  } else if (options && typeof options.host === "string" && net.isIP(options.host) && hosts[options.host]) options.host = hosts[options.host];
  const host = options?.host;
  if (options?.path === undefined && typeof host === "string" && net.isIP(host) && !isLoopback(host)) {
    process.nextTick(() => this.destroy(refused(host, "the end-to-end test reaches loopback addresses only")));
    return this;
  }
  return originalConnect.apply(this, args);
};

const everywhere = (host) => host === undefined || host === "0.0.0.0" || host === "::";
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function listen(...args) {
  if (listenLog) {
    this.once("listening", () => {
      const address = this.address();
      if (address && typeof address === "object") appendFileSync(listenLog, `${address.address} ${address.port}\n`);
    });
  }
  if (!bind) return originalListen.apply(this, args);
  // listen(port[, host][, backlog][, callback]) and listen({ port[, host] }): this workload's address instead of every interface.
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    const [port, ...rest] = args;
    const host = typeof rest[0] === "string" ? rest.shift() : undefined;
    if (everywhere(host)) return originalListen.call(this, { port: Number(port), host: bind }, rest.find((a) => typeof a === "function"));
  } else if (args[0] && typeof args[0] === "object" && args[0].path === undefined && everywhere(args[0].host)) {
    return originalListen.call(this, { ...args[0], host: bind }, ...args.slice(1));
  }
  return originalListen.apply(this, args);
};
