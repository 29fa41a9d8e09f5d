import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { runCommand, startApp, type CommandResult, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { cloudPlanReader, type CloudPlanReader, type CloudRuntime, type PlannedDatabase } from "./cloud-runtimes.ts";
import { forwarder, loopbackAddresses } from "./loopback.ts";
import { plannedServices, plannedWorkloads, type PlannedWorkload } from "./plan-workloads.ts";

/**
 * A planned stack's workloads run on this machine, each as the Node process its container would be: the plan's
 * command and environment, its example folder as the image's WORKDIR. Around them, the local stand-ins for what the
 * cluster and the cloud provide, and nothing more:
 * - a network namespace per pod: its own loopback address; a Service: an address of its own forwarding its port to
 *   the pod's targetPort; cluster DNS and the database endpoint: STRATUM_LOCAL_HOSTS (test/e2e/local-network.mjs);
 * - the database: PostgreSQL on an address of its own and the instance's port, with TLS, with the users the
 *   workloads' identities may connect as, each checked as its cloud checks it where that can be done offline;
 * - the cloud's credentials and object store, as that cloud's pods meet them (cloud-runtimes.ts, the plan readers
 *   of every cloud in one place); the pod's emptyDir at /tmp: a temp dir as TMPDIR.
 */
export const LOCAL_NETWORK = fileURLToPath(new URL("./local-network.mjs", import.meta.url));
export { FAKE_POD_IDENTITY } from "./cloud-runtimes.ts";

const TIMEOUT = 120_000;
type Inputs = Record<string, any>;

/** A role name for SQL: a plain identifier, or a Cloud SQL IAM user (`<account>@<project>.iam`) quoted. */
function roleName(user: string): string {
  if (/^[a-z_][a-z0-9_]{0,62}$/.test(user)) return user;
  if (/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam$/.test(user)) return `"${user}"`;
  throw new Error(`database user ${JSON.stringify(user)} is neither a plain identifier nor a Cloud SQL IAM user <account>@<project>.iam`);
}
/** The tokens the stand-ins issue are base64url and dots; anything else is refused rather than quoted. */
function passwordLiteral(password: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(password)) throw new Error("a stand-in's token has characters a password literal here does not take");
  return `'${password}'`;
}

export interface SystemParts {
  /** Start PostgreSQL for the plan's database. @default true when the plan has one */
  readonly database?: boolean;
  /** Start the lake's stand-in (S3, Cloud Storage, Blob Storage). @default true */
  readonly lake?: boolean;
}

export class OfflineSystem {
  readonly workloads: readonly PlannedWorkload[];
  postgres?: Postgres;
  /** The cloud's stand-ins: credentials for each pod, the lake's objects. */
  cloud?: CloudRuntime;
  /** The database the plan creates: its name and the users the identities may connect as. */
  readonly database?: PlannedDatabase;
  private readonly reader: CloudPlanReader;
  private readonly spec: PlatformSpec;
  private readonly root = mkdtempSync(path.join(tmpdir(), "stratum-e2e-"));
  private readonly addresses = new Map<string, string>();
  private readonly hosts: Record<string, string> = {};
  private readonly running: RunningApp[] = [];
  private readonly servers: Server[] = [];

  readonly plan: PlanReport;

  private constructor(plan: PlanReport, spec: PlatformSpec) {
    this.plan = plan;
    this.spec = spec;
    this.workloads = plannedWorkloads(plan, spec, repoRoot);
    this.reader = cloudPlanReader(spec);
    const database = this.reader.database(plan, this.workloads);
    if (database) this.database = database;
  }

  /** Lays out the network and starts the stand-ins; no workload runs yet. */
  static async start(plan: PlanReport, spec: PlatformSpec, parts: SystemParts = {}): Promise<OfflineSystem> {
    const system = new OfflineSystem(plan, spec);
    try {
      await system.layOut(parts);
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  private async layOut(parts: SystemParts): Promise<void> {
    const services = plannedServices(this.plan);
    const ports = new Set([...this.workloads.flatMap((w) => w.containerPorts.map((p) => p.containerPort)), ...services.flatMap((s) => s.ports.map((p) => p.port))]);
    if (this.database) ports.add(this.database.port);
    const names = ["database", ...services.map((s) => s.host), ...this.workloads.map((w) => w.name)];
    const addresses = await loopbackAddresses(names.length, [...ports]);
    names.forEach((name, i) => this.addresses.set(name, addresses[i]!));

    this.cloud = await this.reader.start(this.plan, this.spec, this.workloads, parts.lake !== false);
    if (this.database && parts.database !== false) {
      const host = this.addresses.get("database")!;
      const users = this.database.users.map((u) => ({ ...u, role: roleName(u.name), password: this.cloud!.password(u) }));
      // The instance's own port on an address of its own: DATABASE_PORT stays as planned. Users without a password
      // to check (AWS's IAM tokens) are trusted over TLS from loopback.
      const trustUsers = users.filter((u) => u.password === undefined).map((u) => u.name);
      this.postgres = await startPostgres({ tls: true, trustUsers, host, port: this.database.port });
      const [owner, ...others] = users;
      if (!owner) throw new Error(`${this.spec.cloud}: the plan grants no identity a database user: no user to create`);
      for (const user of users) await this.postgres.query(`CREATE ROLE ${user.role} LOGIN${user.password === undefined ? "" : ` PASSWORD ${passwordLiteral(user.password)}`}`);
      await this.postgres.query(`CREATE DATABASE ${this.database.name} OWNER ${owner.role}`);
      for (const user of others) await this.postgres.query(`GRANT CONNECT ON DATABASE ${this.database.name} TO ${user.role}`);
      this.hosts[String((this.plan.outputs as Inputs)["databaseHost"])] = host;
    }

    for (const service of services) {
      const address = this.addresses.get(service.host)!;
      this.hosts[service.host] = address;
      const pod = this.workloads.find((w) => w.kind === "Deployment" && Object.entries(service.selector).every(([k, v]) => w.labels[k] === v));
      if (!pod) throw new Error(`Service ${service.host}: its selector ${JSON.stringify(service.selector)} selects no Deployment's pods`);
      for (const { port, targetPort } of service.ports) {
        const target = typeof targetPort === "number" ? targetPort : pod.containerPorts.find((p) => p.name === targetPort)?.containerPort;
        if (target === undefined) throw new Error(`Service ${service.host}: targetPort ${JSON.stringify(targetPort)} names no port of ${pod.name}'s container`);
        this.servers.push(await forwarder({ host: address, port }, { host: this.address(pod), port: target }));
      }
    }
  }

  address(w: PlannedWorkload): string {
    return this.addresses.get(w.name)!;
  }

  /** The one workload of `kind` running `workload`'s image, e.g. ("Job", "orders") for the migration Job. */
  find(kind: PlannedWorkload["kind"], workload: string): PlannedWorkload {
    const found = this.workloads.filter((w) => w.kind === kind && w.workload === workload);
    if (found.length !== 1) throw new Error(`the plan has ${found.length} ${kind}s running ${workload}'s image; expected one (${this.workloads.map((w) => `${w.kind} ${w.name}`).join(", ")})`);
    return found[0]!;
  }

  /**
   * The process's whole environment: the image's ENV, the container's env over it (as the runtime merges them), then
   * only what the runtime and the network mapping add. A runtime variable the plan also sets is refused, never
   * overwritten.
   */
  environment(w: PlannedWorkload): Record<string, string> {
    const managed = w.kind === "SageMaker model";
    const tmp = path.join(this.root, `${w.name}-tmp`);
    mkdirSync(tmp, { recursive: true });
    const runtime: Record<string, string> = {
      ...this.cloud?.env(w),
      TMPDIR: tmp,
      NODE_OPTIONS: `--import=${LOCAL_NETWORK}`,
      STRATUM_LOCAL_BIND: this.address(w),
      // A managed endpoint runs with network isolation: no peers.
      STRATUM_LOCAL_HOSTS: JSON.stringify(managed ? {} : { ...this.cloud?.hosts(w), ...this.hosts }),
      STRATUM_LOCAL_LISTEN_LOG: this.listenLog(w),
    };
    const clash = Object.keys(runtime).filter((k) => k in w.env);
    if (clash.length > 0) throw new Error(`${w.kind} ${w.name}: the plan's env sets ${clash.join(", ")}, which the offline runtime sets itself`);
    return { ...w.image.env, ...w.env, ...runtime };
  }

  private listenLog(w: PlannedWorkload): string {
    return path.join(this.root, `${w.name}.listening`);
  }

  /**
   * The image's build steps that make what it serves (`node train.js`), from its Dockerfile's RUN lines. They run
   * in the example's own folder, which every offline system of the test run shares (test files run side by side),
   * so what they make stays there: removing it would pull a model from under another system's starting server.
   * The build is deterministic, writes whole files, and what it makes must be git-ignored, or this fails.
   */
  async build(w: PlannedWorkload): Promise<void> {
    for (const line of w.image.run) {
      // The image's npm dependencies: the repository root's node_modules stands in (examples/README.md).
      if (/^npm ci\b/.test(line)) continue;
      const argv = line.split(/\s+/);
      if (argv[0] !== "node" || !argv.every((a) => /^[\w./=-]+$/.test(a))) throw new Error(`${w.image.file}: RUN ${line}: the test runs only \`node <file>\` build steps and npm ci`);
      const before = new Set(readdirSync(w.dir));
      const result = await runCommand({ command: argv, cwd: w.dir, env: { ...w.image.env }, timeoutMs: TIMEOUT });
      if (result.code !== 0) throw new Error(`${w.image.file}: RUN ${line} exited ${result.code}:\n${result.stdout}${result.stderr}`);
      const made = readdirSync(w.dir).filter((f) => !before.has(f) && existsSync(path.join(w.dir, f)));
      // `git check-ignore` exits 0 when it names every file it was given as ignored.
      const ignored = made.length === 0 ? undefined : await runCommand({ command: ["git", "check-ignore", "--no-index", "--", ...made], cwd: w.dir, env: {}, timeoutMs: TIMEOUT });
      const unignored = made.filter((f) => !(ignored?.stdout.split("\n") ?? []).includes(f));
      if (unignored.length > 0) throw new Error(`${w.image.file}: RUN ${line} made ${unignored.join(", ")} in ${w.dir}, which git does not ignore: it stays there for the other test files (list it in a .gitignore)`);
    }
  }

  /** Runs a Job's or CronJob's container to completion. */
  run(w: PlannedWorkload): Promise<CommandResult> {
    return runCommand({ command: w.argv, cwd: w.dir, env: this.environment(w), timeoutMs: TIMEOUT });
  }

  /**
   * Starts a long-running container and waits for its readiness probe (SageMaker: /ping) to answer 200, for at most
   * `timeoutMs` (a broken wire that only ever answers 503 needs no two minutes to show).
   */
  async serve(w: PlannedWorkload, timeoutMs = TIMEOUT): Promise<RunningApp> {
    const readiness = w.probes.find((p) => p.field === "readinessProbe" || p.field === "SageMaker health check");
    const port = readiness?.port ?? w.containerPorts[0]?.containerPort;
    if (port === undefined) throw new Error(`${w.kind} ${w.name}: no readinessProbe and no containerPort to reach it on`);
    const where = `${this.address(w)}:${port}`;
    const hopeless = () => {
      const log = existsSync(this.listenLog(w)) ? readFileSync(this.listenLog(w), "utf8").trim() : "";
      const listening = log === "" ? [] : log.split("\n").map((l) => l.replace(" ", ":"));
      if (listening.length === 0 || listening.includes(where)) return undefined;
      return `${w.kind} ${w.name}: listens on ${listening.join(", ")} (env PORT=${w.env["PORT"] ?? "(unset)"}), not on containerPort ${port} where its ${readiness?.field ?? "port"} ${readiness?.path ?? ""} and its Service send traffic`;
    };
    try {
      const app = await startApp({ command: w.argv, cwd: w.dir, env: this.environment(w), port, host: this.address(w), readinessPath: readiness?.path ?? "/", hopeless, timeoutMs });
      this.running.push(app);
      return app;
    } catch (error) {
      throw new Error(`${w.kind} ${w.name} (${w.argv.join(" ")} in ${path.relative(repoRoot, w.dir)}, ${readiness?.field ?? "port"} ${readiness?.path ?? ""} on ${where}) did not become ready: ${(error as Error).message}`);
    }
  }

  /** Stops every process by its pid, every stand-in, and removes the temp dirs and what the build steps made. */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (fn: () => Promise<unknown> | void) => {
      try {
        await fn();
      } catch (error) {
        errors.push(error);
      }
    };
    for (const app of this.running.splice(0).reverse()) await attempt(() => app.stop());
    for (const server of this.servers.splice(0)) await attempt(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await attempt(() => this.cloud?.close());
    await attempt(() => this.postgres?.stop());
    rmSync(this.root, { recursive: true, force: true });
    if (errors.length > 0) throw new AggregateError(errors, "stopping the offline system");
  }
}
