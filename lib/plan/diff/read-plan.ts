import { UserInputError } from "../../cli/errors.ts";
import { isJsonObject, parseJson } from "../../fs/read-input.ts";
import { planFormatVersion, type PlanReport } from "../model.ts";

/**
 * A plan JSON file for `stratum plan diff OLD.json NEW.json`, checked enough to compare: a stack name, resources
 * with urn, type, name and inputs, and a format version this stratum reads. Anything else is bad input naming
 * the file, the field and what was expected.
 */
export function readPlan(file: string, text: string): PlanReport {
  const data = parseJson(text, file, "an offline plan (stratum plan --format json)");
  if (!isJsonObject(data) || typeof data.stack !== "string" || !Array.isArray(data.resources)) {
    throw new UserInputError(`${file}: expected an offline plan ({"stack": "...", "resources": [...]}), as \`stratum plan --format json\` writes`);
  }
  const version = data.formatVersion ?? 1;
  if (version !== planFormatVersion) throw new UserInputError(`${file}: plan format version ${JSON.stringify(version)}; this stratum reads version ${planFormatVersion}: plan both sides with the same stratum`);
  for (const [i, r] of data.resources.entries()) {
    if (!isJsonObject(r) || typeof r.urn !== "string" || typeof r.type !== "string" || typeof r.name !== "string" || !isJsonObject(r.inputs)) {
      throw new UserInputError(`${file}: resources[${i}]: expected {"urn", "type", "name": strings, "inputs": {...}}`);
    }
  }
  return data as unknown as PlanReport;
}
