import { basename } from "node:path";
import { UserInputError } from "../../cli/errors.ts";
import { isJsonObject as isObject, parseJson } from "../../fs/read-input.ts";
import { urnName, urnStack, urnType } from "../../plan/urn.ts";
import type { Change, ChangeOp, PolicyViolation, StackChanges } from "./change-model.ts";

type Json = Record<string, unknown>;

/**
 * Reads one file given to `stratum comment` or `stratum drift report`: an offline plan (`{stack, resources}`) or
 * a `pulumi preview --json` PreviewDigest (`{steps}`). Anything else is bad input naming the file.
 */
export function readChanges(file: string, text: string): StackChanges {
  const data = parseJson(text, file, "an offline plan or `pulumi preview --json` output");
  if (isObject(data) && Array.isArray(data.steps)) return fromPreview(file, data);
  if (isObject(data) && Array.isArray(data.resources) && typeof data.stack === "string") return fromOfflinePlan(file, data);
  throw new UserInputError(
    `${file}: expected an offline plan ({"stack", "resources": [...]}) or \`pulumi preview --json\` output ({"steps": [...]})`,
  );
}

/** Pulumi's step ops, folded into the four a reviewer reads; ops absent here (same, read, refresh...) change nothing. */
const opOf: Record<string, ChangeOp> = {
  create: "create",
  import: "create",
  update: "update",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  "import-replacement": "replace",
  delete: "delete",
};

function fromPreview(file: string, data: Json): StackChanges {
  const byUrn = new Map<string, Change>();
  let unchanged = 0;
  let stack: string | undefined;
  for (const [index, raw] of (data.steps as unknown[]).entries()) {
    if (!isObject(raw) || typeof raw.urn !== "string" || typeof raw.op !== "string") {
      throw new UserInputError(`${file}: steps[${index}] has no "op" and "urn" strings`);
    }
    stack ??= urnStack(raw.urn);
    const op = opOf[raw.op];
    const oldState = isObject(raw.oldState) ? raw.oldState : undefined;
    const newState = isObject(raw.newState) ? raw.newState : undefined;
    if (op === undefined) {
      unchanged += 1;
      continue;
    }
    // A replacement arrives as up to three steps on one URN (replace, create-replacement, delete-replaced): one change.
    if (byUrn.has(raw.urn) && op === "replace") continue;
    const detailed = isObject(raw.detailedDiff) ? Object.keys(raw.detailedDiff) : [];
    const type = stringOr(newState?.type, stringOr(oldState?.type, urnType(raw.urn)));
    byUrn.set(raw.urn, {
      op,
      urn: raw.urn,
      type,
      name: urnName(raw.urn),
      parent: typeof newState?.parent === "string" ? newState.parent : null,
      // A create or delete changes every property; listing them would only bury the updates' keys.
      changedKeys: op === "create" || op === "delete" ? [] : detailed.length > 0 ? detailed : strings(raw.diffReasons),
      replaceReasons: strings(raw.replaceReasons),
      newInputs: op === "delete" ? undefined : inputsOf(newState),
      oldInputs: inputsOf(oldState),
    });
  }
  return {
    stack: stack ?? basename(file).replace(/\.json$/, ""),
    source: "preview",
    file,
    changes: [...byUrn.values()].filter((c) => c.type !== "pulumi:pulumi:Stack"),
    // The digest lists only some unchanged steps; its changeSummary counts them all.
    unchanged: isObject(data.changeSummary) && typeof data.changeSummary.same === "number" ? data.changeSummary.same : unchanged,
    violations: violationsOf(data),
  };
}

function fromOfflinePlan(file: string, data: Json): StackChanges {
  const changes: Change[] = [];
  for (const [index, raw] of (data.resources as unknown[]).entries()) {
    if (!isObject(raw) || typeof raw.urn !== "string" || typeof raw.type !== "string") {
      throw new UserInputError(`${file}: resources[${index}] has no "urn" and "type" strings`);
    }
    if (raw.type === "pulumi:pulumi:Stack") continue;
    changes.push({
      op: "create",
      urn: raw.urn,
      type: raw.type,
      name: typeof raw.name === "string" ? raw.name : urnName(raw.urn),
      parent: typeof raw.parent === "string" ? raw.parent : null,
      changedKeys: [],
      replaceReasons: [],
      newInputs: isObject(raw.inputs) ? raw.inputs : {},
      oldInputs: undefined,
    });
  }
  return { stack: data.stack as string, source: "offline-plan", file, changes, unchanged: 0, violations: violationsOf(data) };
}

function violationsOf(data: Json): PolicyViolation[] {
  if (!Array.isArray(data.violations)) return [];
  return data.violations.filter(isObject).map((v) => ({
    rule: stringOr(v.rule, "unknown-rule"),
    urn: stringOr(v.urn, ""),
    message: stringOr(v.message, ""),
    enforcement: v.enforcement === "mandatory" ? "mandatory" : "advisory",
    waived: v.waived === true,
  }));
}

function inputsOf(state: Json | undefined): Json | undefined {
  return state && isObject(state.inputs) ? state.inputs : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
