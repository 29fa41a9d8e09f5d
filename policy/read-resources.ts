import { UserInputError } from "../lib/cli/errors.ts";
import { parseJson, readInputFileSync } from "../lib/fs/read-input.ts";
import { urnName } from "../lib/plan/urn.ts";
import type { PlanResource } from "../lib/plan/model.ts";

/**
 * Reads resources from either the offline plan's JSON (`resources[]`) or `pulumi preview --json` output (the
 * PreviewDigest: each step's `newState`, skipping deletions, whose resources will not exist). `file` is relative
 * to `cwd`.
 */
export function readResources(cwd: string, file: string): PlanResource[] {
  const document = parseJson(readInputFileSync(cwd, file, "policy check"), file, "the offline plan's JSON or `pulumi preview --json` output");
  const record = (document ?? {}) as Record<string, unknown>;
  if (Array.isArray(record["resources"])) return record["resources"].map((r, i) => planResource(r, `${file}: resources[${i}]`));
  if (Array.isArray(record["steps"])) return record["steps"].flatMap((s, i) => previewStep(s, `${file}: steps[${i}]`));
  throw new UserInputError(`${file}: expected the offline plan's JSON ("resources": [...]) or pulumi preview --json output ("steps": [...])`);
}

function planResource(raw: unknown, where: string): PlanResource {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (typeof r["urn"] !== "string" || typeof r["type"] !== "string") throw new UserInputError(`${where}: expected "urn" and "type" strings`);
  const inputs = r["inputs"] ?? {};
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) throw new UserInputError(`${where}: "inputs" must be an object`);
  return { urn: r["urn"], type: r["type"], name: typeof r["name"] === "string" ? r["name"] : urnName(r["urn"]), parent: typeof r["parent"] === "string" ? r["parent"] : null, inputs: inputs as Record<string, unknown> };
}

const deletions = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);

function previewStep(raw: unknown, where: string): PlanResource[] {
  const step = (raw ?? {}) as Record<string, unknown>;
  if (typeof step["op"] !== "string" || typeof step["urn"] !== "string") throw new UserInputError(`${where}: expected "op" and "urn" strings`);
  if (deletions.has(step["op"])) return [];
  const state = step["newState"] as Record<string, unknown> | undefined;
  if (state === undefined || state === null) return [];
  return [planResource({ urn: step["urn"], type: state["type"], parent: state["parent"], inputs: state["inputs"] ?? {} }, where)];
}
