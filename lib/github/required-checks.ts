import { ciRequiredChecks } from "../../workflows/ci.ts";

/**
 * The status checks the default branch's ruleset requires. For a GitHub Actions job the check context is the
 * job's `name:`, so these are the job names the `ci` workflow generator writes: taken from `workflows/ci.ts`
 * (`ciRequiredChecks`), never spelled again here, so a renamed job cannot leave the ruleset waiting forever for a
 * check that never reports.
 */
export function requiredCheckNames(): string[] {
  return [...ciRequiredChecks];
}
