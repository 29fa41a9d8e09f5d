import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { UserInputError } from "../cli/errors.ts";
import type { PlanStacksOptions } from "./plan-in-process.ts";
import type { WorkerAnswer, WorkerRequest } from "./plan-worker-messages.ts";
import type { PlanReport } from "./model.ts";
import type { PreparedStack } from "./prepare-stack.ts";
import { checkBaseStack } from "./stack-references.ts";

/** The variable that sets how many processes plan stacks at once. */
export const jobsVariable = "STRATUM_PLAN_JOBS";

/**
 * How many processes plan at once: `STRATUM_PLAN_JOBS` when set (1 plans in the command's own process), else one
 * per CPU the process may use; never more than there are stacks.
 */
export function planJobs(env: Readonly<Record<string, string | undefined>>, stacks: number): number {
  const text = env[jobsVariable];
  let jobs = availableParallelism();
  if (text !== undefined && text !== "") {
    if (!/^[1-9][0-9]{0,2}$/.test(text)) throw new UserInputError(`${jobsVariable}: got ${JSON.stringify(text.slice(0, 40))}, expected a whole number of processes from 1 to 999 (1 plans in this process)`);
    jobs = Number(text);
  }
  return Math.max(1, Math.min(jobs, stacks));
}

/** How many stacks of a cloud another worker has loaded must wait before an idle worker loads that cloud too. */
const stealAbove = 2;

/**
 * Which of the ready stacks (given by their clouds, in the stacks' order) an idle worker plans next, if any: one of
 * a cloud it has loaded, else one of a cloud no other worker has. Loading a cloud's SDK costs about what planning
 * two or three more of its stacks does (a worker's first Azure stack took 3.9 s, its second 1.1 s; AWS 2.2 s and
 * 0.6 s), so it takes on another worker's cloud only when that cloud has more than that still waiting, or when it
 * has loaded none yet (it loads one anyway, at the same time as the other: two stacks of one cloud side by side).
 */
export function nextStack(loaded: ReadonlySet<string>, othersLoaded: ReadonlySet<string>, ready: readonly string[]): number | undefined {
  const first = (take: (cloud: string) => boolean) => {
    const index = ready.findIndex(take);
    return index < 0 ? undefined : index;
  };
  const waitingOf = (cloud: string) => ready.filter((c) => c === cloud).length;
  return first((cloud) => loaded.has(cloud)) ?? first((cloud) => !othersLoaded.has(cloud)) ?? (loaded.size === 0 ? first(() => true) : first((cloud) => waitingOf(cloud) > stealAbove));
}

interface Job {
  readonly index: number;
  readonly prepared: PreparedStack;
  /** The base stack whose report this review stack needs first, when it is one. */
  readonly base?: string;
}

interface Worker {
  readonly child: ChildProcess;
  /** The clouds whose SDK this process has loaded: it is given their stacks first. */
  readonly clouds: Set<string>;
  job?: Job;
  started: number;
}

/**
 * `jobs` plan worker processes (plan-worker.ts), each planning one stack at a time. They start loading the program
 * as soon as the pool exists, so the command validates every stack's config while they load; `close` ends them
 * (after a failure, or when the config is bad and nothing is planned).
 */
export class PlanPool {
  private readonly workers: Worker[] = [];
  /** Told when a worker fails or ends while it is not being waited on; the next `plan` reports it. */
  private early: Error | undefined;
  private onFailure: (error: Error) => void = (error) => void (this.early ??= error);
  private onAnswer: (worker: Worker, answer: WorkerAnswer) => void = () => {};
  private closed = false;
  private readonly root: string;

  constructor(root: string, jobs: number) {
    this.root = root;
    const workerFile = fileURLToPath(new URL("./plan-worker.ts", import.meta.url));
    for (let i = 0; i < jobs; i++) {
      // Its own process: Pulumi's mock runtime is process-global state. Its output is this process's.
      // The command's Node flags go along (--cpu-prof profiles each worker too), but not a debugger's port, which
      // only one process can hold.
      const execArgv = [...process.execArgv.filter((flag) => !/^--inspect/.test(flag)), "--expose-gc"];
      const child = fork(workerFile, [root], { execArgv, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
      const worker: Worker = { child, clouds: new Set(), started: 0 };
      this.workers.push(worker);
      child.on("message", (answer: WorkerAnswer) => this.onAnswer(worker, answer));
      child.on("error", (error) => this.onFailure(error));
      child.on("exit", (code, signal) => {
        if (!this.closed) this.onFailure(new Error(`planning ${worker.job?.prepared.stack ?? "stacks"}: a plan process ended early (${signal ?? `exit code ${code}`})`));
      });
    }
  }

  /** Ends every worker: those idle when their channel closes, those still planning at once. */
  close(): void {
    this.closed = true;
    for (const worker of this.workers) {
      if (worker.job !== undefined || !worker.child.connected) worker.child.kill();
      else worker.child.disconnect();
    }
  }

  /**
   * Plans the stacks and returns the reports in the list's order, as planInProcess does. Most of a plan's time is
   * loading the program and its cloud's SDK, so an idle worker keeps to the clouds it has loaded (`nextStack`).
   * A review stack waits for its base stack's report (its stack references).
   * The first failure is the result (bad input stays bad input, exit 2); the caller closes the pool.
   */
  plan(prepared: readonly PreparedStack[], options: PlanStacksOptions): Promise<PlanReport[]> {
    const { root, workers } = this;
    const inRun = new Set(prepared.map((p) => p.stack));
    const waiting: Job[] = prepared.map((p, index) => {
      if (p.spec.review.baseStack === undefined) return { index, prepared: p };
      const base = checkBaseStack(root, p);
      if (!inRun.has(base)) throw new Error(`PlanPool.plan: ${p.stack}'s base stack ${base} is not among the stacks planned`);
      return { index, prepared: p, base };
    });
    const reports: PlanReport[] = [];
    const byStack = new Map<string, PlanReport>();

    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve(reports);
      };
      this.onFailure = finish;
      if (this.early) return finish(this.early);
      const pick = (worker: Worker): Job | undefined => {
        const ready = waiting.filter((job) => job.base === undefined || byStack.has(job.base));
        const others = new Set(workers.filter((w) => w !== worker).flatMap((w) => [...w.clouds]));
        const index = nextStack(worker.clouds, others, ready.map((job) => job.prepared.spec.cloud));
        return index === undefined ? undefined : ready[index];
      };
      const assign = () => {
        for (const worker of workers.filter((w) => w.job === undefined)) {
          const job = pick(worker);
          if (!job) continue;
          waiting.splice(waiting.indexOf(job), 1);
          worker.job = job;
          worker.clouds.add(job.prepared.spec.cloud);
          worker.started = performance.now();
          const base = job.prepared.spec.review.baseStack;
          const stackReferences = job.base !== undefined && base !== undefined ? { [base]: byStack.get(job.base)!.outputs } : {};
          const request: WorkerRequest = { stack: job.prepared.stack, waivers: options.waivers, stackReferences };
          worker.child.send(request);
        }
        if (workers.every((w) => w.job === undefined)) {
          const [stuck] = waiting;
          // Stacks left that none can plan: review stacks waiting on each other, which the command refuses first.
          if (stuck) finish(new Error(`PlanPool.plan: ${waiting.map((job) => job.prepared.stack).join(", ")} wait on each other's reports`));
          else finish();
        }
      };
      this.onAnswer = (worker, answer) => {
        const job = worker.job;
        if (settled || !job) return;
        if (answer.kind === "bad-input") return finish(new UserInputError(answer.problems));
        if (answer.kind === "failed") return finish(new Error(`planning ${answer.stack}: ${answer.error}`));
        const report = JSON.parse(answer.json) as PlanReport;
        reports[job.index] = report;
        byStack.set(job.prepared.stack, report);
        worker.job = undefined;
        options.onPlanned?.(job.index, report, (performance.now() - worker.started) / 1000);
        assign();
      };
      assign();
    });
  }
}
