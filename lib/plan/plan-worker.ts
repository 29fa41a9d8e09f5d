// A plan worker: a process plan-pool.ts starts with the project's root as its argument. It loads the program once,
// then plans the stacks it is sent one at a time (Pulumi's mock runtime is process-global state) and answers each
// with the report as JSON text, the exact text `stratum plan` writes, so the files do not depend on where a stack
// was planned. It ends when the pool closes the channel.
import "../compile-cache.ts";
// Before components/warnings.ts, which imports the Pulumi SDK: what a plan never calls is loaded on first use.
import "./deferred-sdk-modules.ts";
import { takeWarnings } from "../../components/warnings.ts";
import { isUserInputError } from "../cli/errors.ts";
import { loadProgram } from "./load-program.ts";
import { planStack } from "./plan-stack.ts";
import { prepareStack } from "./prepare-stack.ts";
import type { WorkerAnswer, WorkerRequest } from "./plan-worker-messages.ts";

const root = process.argv[2];
if (root === undefined || process.send === undefined) throw new Error("plan-worker.ts is started by plan-pool.ts, with an IPC channel and the project's root");
// Loading starts at once, while the pool sends the first stack.
const program = loadProgram(root);
// A rejection is answered with the first stack; until then it must not end the process.
program.catch(() => {});

const send = (answer: WorkerAnswer) => process.send?.(answer);

process.on("disconnect", () => process.exit(0));
process.on("message", (request: WorkerRequest) => {
  void plan(request).then(send, (error: unknown) =>
    send(isUserInputError(error) ? { kind: "bad-input", stack: request.stack, problems: [...error.problems] } : { kind: "failed", stack: request.stack, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

let planned = 0;
/** The heap size (bytes) above which the worker collects garbage before its next stack. */
const collectAbove = 150 * 1024 * 1024;

async function plan(request: WorkerRequest): Promise<WorkerAnswer> {
  // What the last stack left is mostly garbage: collected now, the next stack's peak memory is about its own, not
  // the sum of both (the pool starts this process with --expose-gc). A collection costs ~0.1 s, so only a large heap
  // is worth it (an Azure stack leaves ~250 MB, of which ~160 MB is garbage; an AWS or GCP one ~100 MB).
  if (planned > 0 && process.memoryUsage().heapUsed > collectAbove) (globalThis as { gc?: () => void }).gc?.();
  // The pool validated the stack already; preparing it again here is cheap and leaves nothing to serialise.
  const prepared = prepareStack(root!, request.stack);
  const report = await planStack(prepared, await program, { waivers: request.waivers, takeWarnings, stackReferences: request.stackReferences });
  planned += 1;
  return { kind: "planned", stack: request.stack, json: JSON.stringify(report) };
}
