import { UserInputError } from "../lib/cli/errors.ts";
import { parseJson, readInputFileSync } from "../lib/fs/read-input.ts";
import { urnName } from "../lib/plan/urn.ts";
import type { PlanResource } from "../lib/plan/model.ts";

/**
 * Reads resources from either the offline plan's JSON (`resources[]`) or `pulumi preview --json` output (the
 * PreviewDigest: each step's `newState`, skipping deletions, whose resources will not exist). `file` is relative
 * to `cwd`.
 *
 * A file with nothing to evaluate is bad input (exit 2), never a verdict: every stratum stack has resources (at
 * least the stack itself), so an empty list means the wrong file or a cut-off one, and evaluating it would only
 * report what is missing ("no CloudTrail trail") instead of what is wrong with the file.
 */
export function readResources(cwd: string, file: string): PlanResource[] {
  const document = parseJson(readInputFileSync(cwd, file, "policy check"), file, "the offline plan's JSON or `pulumi preview --json` output");
  const expected = `expected the offline plan's JSON ("resources": [...]) or pulumi preview --json output ("steps": [...])`;
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new UserInputError(`${file}: the JSON is ${Array.isArray(document) ? "a list" : document === null ? "null" : `a ${typeof document}`}; ${expected}`);
  }
  const record = document as Record<string, unknown>;
  if ("resources" in record) {
    const list = record["resources"];
    if (!Array.isArray(list)) throw new UserInputError(`${file}: "resources" is ${describe(list)}, expected a list of resources`);
    if (list.length === 0) throw new UserInputError(`${file}: "resources" is empty; a stack's plan always has resources (at least the stack), so this is not a plan of it`);
    return list.map((r, i) => planResource(r, `${file}: resources[${i}]`));
  }
  if ("steps" in record) {
    const steps = record["steps"];
    if (!Array.isArray(steps)) throw new UserInputError(`${file}: "steps" is ${describe(steps)}, expected a list of preview steps`);
    if (steps.length === 0) throw new UserInputError(`${file}: "steps" is empty; a preview of a stack has a step for every resource (at least the stack), so this is not a preview of it`);
    const resources = steps.flatMap((s, i) => previewStep(s, `${file}: steps[${i}]`));
    if (resources.length === 0) throw new UserInputError(`${file}: every one of the ${steps.length} steps deletes its resource, so nothing is left to check; expected a preview of the stack as it will be`);
    return resources;
  }
  throw new UserInputError(`${file}: ${expected}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function planResource(raw: unknown, where: string): PlanResource {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new UserInputError(`${where}: is ${describe(raw)}, expected a resource object with "urn" and "type"`);
  const r = raw as Record<string, unknown>;
  if (typeof r["urn"] !== "string" || typeof r["type"] !== "string") throw new UserInputError(`${where}: expected "urn" and "type" strings`);
  const inputs = r["inputs"] ?? {};
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) throw new UserInputError(`${where}: "inputs" must be an object`);
  return { urn: r["urn"], type: r["type"], name: typeof r["name"] === "string" ? r["name"] : urnName(r["urn"]), parent: typeof r["parent"] === "string" ? r["parent"] : null, inputs: inputs as Record<string, unknown> };
}

const deletions = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

function previewStep(raw: unknown, where: string): PlanResource[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new UserInputError(`${where}: is ${describe(raw)}, expected a preview step with "op", "urn" and "newState"`);
  const step = raw as Record<string, unknown>;
  if (typeof step["op"] !== "string" || typeof step["urn"] !== "string") throw new UserInputError(`${where}: expected "op" and "urn" strings`);
  if (deletions.has(step["op"])) return [];
  const state = step["newState"];
  // pulumi preview --json writes the new state of every step that is not a deletion; without it the resource
  // cannot be judged, and leaving it out would pass it unchecked.
  if (typeof state !== "object" || state === null || Array.isArray(state)) {
    throw new UserInputError(`${where} (${step["op"]} ${step["urn"]}): "newState" is ${state === undefined ? "missing" : describe(state)}, expected the resource's state as pulumi preview --json writes it`);
  }
  const s = state as Record<string, unknown>;
  return [planResource({ urn: step["urn"], type: s["type"], parent: s["parent"], inputs: s["inputs"] ?? {} }, where)];
}
