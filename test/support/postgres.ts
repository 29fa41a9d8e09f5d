import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./free-port.ts";

/**
 * A throwaway PostgreSQL server for tests: its own data directory in a temp dir, listening on one loopback address
 * (127.0.0.1 unless told) and a free port (or the port asked for) only, password (SCRAM) authentication over TCP,
 * stopped by its postmaster's pid. Real PostgreSQL, because the examples' migrations, constraints and transactions
 * are what the tests check; nothing here fakes a database.
 */
export interface Postgres {
  /** The loopback address it listens on. */
  readonly host: string;
  readonly port: number;
  /** The bootstrap superuser (`postgres`) and its generated password. */
  readonly superuser: { readonly user: string; readonly password: string };
  /** The postmaster's pid, read from postmaster.pid. */
  readonly pid: number;
  /** A pg client config for `database` (default `postgres`) as `user` (default the superuser). */
  clientConfig(database?: string, login?: { user: string; password: string }): pg.ClientConfig;
  /** Runs one statement as the superuser on `database` and returns its rows. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], database?: string): Promise<R[]>;
  /** Creates a login role with a password and a database it owns (names must be plain identifiers). */
  createDatabase(name: string, owner: { user: string; password: string }): Promise<void>;
  /** Stops the server (SIGINT: fast shutdown), waits for the postmaster to exit and removes the temp dir. */
  stop(): Promise<void>;
}

const INSTALL_HINT = ".ci/run installs the Debian package `postgresql` (apt-get install -y postgresql) when they are absent";

/**
 * Where initdb, pg_ctl and postgres are: `searchPath` (PATH) first, then Debian's versioned
 * `<debianRoot>/<major>/bin`, newest major first (the Debian package does not put the server binaries on PATH).
 */
export function findPostgresBin(searchPath = process.env.PATH ?? "", debianRoot = "/usr/lib/postgresql"): string {
  const debian = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debianRoot, v, "bin"))
    : [];
  const candidates = [...searchPath.split(path.delimiter).filter(Boolean), ...debian];
  const found = candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((b) => existsSync(path.join(dir, b))));
  if (!found) throw new Error(`PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH nor in ${debianRoot}/*/bin; ${INSTALL_HINT}`);
  return found;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Servers started by this process, stopped synchronously if the process exits without calling stop(). */
const running = new Set<number>();
process.once("exit", () => {
  for (const pid of running) {
    try {
      process.kill(pid, "SIGQUIT");
    } catch {
      // already gone
    }
  }
});

export interface PostgresOptions {
  /**
   * Serve TLS with a throwaway self-signed certificate (made with `openssl`), so a client can connect with the
   * platform's `DATABASE_SSLMODE=require` unchanged. @default false
   */
  readonly tls?: boolean;
  /**
   * Login roles that connect from 127.0.0.1 without a password (with `tls`, over TLS only): the local stand-in for
   * RDS IAM authentication, so a workload can run with the platform's `DATABASE_AUTH=aws-iam` (its token is never
   * asked for). @default []
   */
  readonly trustUsers?: readonly string[];
  /**
   * The loopback address to listen on (127.0.0.0/8), so a test can give the server an address of its own and the
   * database's planned port. Clients still connect from 127.0.0.1, the loopback's source address. @default 127.0.0.1
   */
  readonly host?: string;
  /** The port to listen on; fails when it is taken rather than choosing another. @default a free port */
  readonly port?: number;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
  const bin = findPostgresBin();
  const host = options.host ?? "127.0.0.1";
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`host: ${JSON.stringify(host)} is not a loopback address 127.x.y.z`);
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) throw new Error(`port: ${options.port} is not a port number`);
  const root = mkdtempSync(path.join(tmpdir(), "stratum-pg-"));
  const dataDir = path.join(root, "data");
  const password = randomBytes(18).toString("base64url");
  // initdb refuses to run as root: as root, the cluster belongs to the `postgres` OS user (the Debian package
  // creates it), and every server command runs as that user with its arguments passed as an array, never a shell.
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? postgresUser() : undefined;
  if (owner) chownSync(root, owner.uid, owner.gid);
  const run = (file: string, args: string[]) =>
    asRoot ? exec("runuser", ["-u", "postgres", "--", path.join(bin, file), ...args]) : exec(path.join(bin, file), args);

  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const pwfile = path.join(root, "pwfile");
    writeFileSync(pwfile, password + "\n", { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    await run("initdb", ["-D", dataDir, "-U", "postgres", "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-instructions"]);
    rmSync(pwfile);
    const settings = [`listen_addresses = '${host}'`, `unix_socket_directories = '${root}'`, `fsync = off`, `max_connections = 50`];
    if (options.tls) {
      await selfSignedCertificate(dataDir, host, owner);
      settings.push("ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'");
    }
    // TCP only from 127.0.0.1, with a password except for the trusted roles; the socket lives in the 0700 temp dir.
    // With TLS, the trusted roles (the IAM-authenticated ones) may connect over TLS only, as RDS demands of them.
    const trusted = (options.trustUsers ?? []).map((user) => {
      if (!IDENTIFIER.test(user)) throw new Error(`trustUsers: not a plain identifier: ${JSON.stringify(user)}`);
      return `${options.tls ? "hostssl" : "host"} all ${user} 127.0.0.1/32 trust`;
    });
    writeFileSync(path.join(dataDir, "pg_hba.conf"), ["local all all trust", ...trusted, "host all all 127.0.0.1/32 scram-sha-256", ""].join("\n"));
    // A free port can be taken by another test between choosing and binding it: then choose again.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = options.port ?? (await freePort());
      // Settings in the config file rather than `pg_ctl -o`, which pg_ctl hands to a shell.
      writeFileSync(path.join(dataDir, "postgresql.auto.conf"), [...settings, `port = ${port}`, ""].join("\n"));
      try {
        await run("pg_ctl", ["-D", dataDir, "-l", path.join(root, "server.log"), "-w", "-t", "60", "start"]);
        break;
      } catch (error) {
        const log = existsSync(path.join(root, "server.log")) ? readFileSync(path.join(root, "server.log"), "utf8") : "";
        if (attempt === 3 || options.port !== undefined || !log.includes("could not bind")) throw error;
      }
    }
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    running.add(pid);
    return handle({ root, host, port, pid, password, cleanup });
  } catch (error) {
    const log = path.join(root, "server.log");
    const detail = existsSync(log) ? `\nserver.log:\n${readFileSync(log, "utf8")}` : "";
    cleanup();
    throw new Error(`${(error as Error).message}${detail}`);
  }
}

function handle(s: { root: string; host: string; port: number; pid: number; password: string; cleanup: () => void }): Postgres {
  const superuser = { user: "postgres", password: s.password };
  const clientConfig = (database = "postgres", login = superuser): pg.ClientConfig => ({
    host: s.host,
    port: s.port,
    database,
    user: login.user,
    password: login.password,
  });
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], database = "postgres"): Promise<R[]> => {
    const client = new pg.Client(clientConfig(database));
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  let stopped: Promise<void> | undefined;
  return {
    host: s.host,
    port: s.port,
    superuser,
    pid: s.pid,
    clientConfig,
    query,
    async createDatabase(name, login) {
      for (const id of [name, login.user]) if (!IDENTIFIER.test(id)) throw new Error(`not a plain identifier: ${JSON.stringify(id)}`);
      await query(`CREATE ROLE ${login.user} LOGIN PASSWORD ${literal(login.password)}`);
      await query(`CREATE DATABASE ${name} OWNER ${login.user}`);
    },
    stop() {
      stopped ??= (async () => {
        try {
          process.kill(s.pid, "SIGINT");
          await waitForExit(s.pid);
        } finally {
          running.delete(s.pid);
          s.cleanup();
        }
      })();
      return stopped;
    },
  };
}

/** server.crt and server.key in the data dir, owned by the server's user, the key 0600 as PostgreSQL demands. */
async function selfSignedCertificate(dataDir: string, host: string, owner: { uid: number; gid: number } | undefined): Promise<void> {
  const crt = path.join(dataDir, "server.crt");
  const key = path.join(dataDir, "server.key");
  await exec("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", "2", "-subj", `/CN=${host}`, "-addext", `subjectAltName=IP:${host}`]).catch(
    (error: Error) => {
      throw new Error(`tls: openssl could not make a test certificate (is openssl installed?): ${error.message}`);
    },
  );
  chmodSync(key, 0o600);
  if (owner) for (const file of [crt, key]) chownSync(file, owner.uid, owner.gid);
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (!uid || !gid) throw new Error(`running as root, but there is no \`postgres\` OS user to own the test cluster; ${INSTALL_HINT} (it creates that user)`);
  return { uid: Number(uid), gid: Number(gid) };
}

/** Runs a command to completion; rejects with its output when it fails. */
function exec(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${file} ${args.join(" ")} exited ${code}:\n${output}`))));
  });
}

/** Polls until the process is gone: the postmaster is not our child, so there is no exit event to wait on. */
async function waitForExit(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
