/**
 * The jobs of the generated `ci` workflow that the default branch's ruleset requires. For a GitHub Actions job
 * the status check context is the job's `name:`, so these strings are both the job names the workflow generator
 * writes and the contexts `stratum bootstrap github` requires: the single source for both. The workflow model
 * must import this (not spell the names again), or a renamed job would leave the ruleset waiting forever for a
 * check that never reports.
 */
export const ciWorkflowName = "ci";

// Values match the job names the workflow model in `workflows/ci.ts` currently writes.
export const ciRequiredJobs = {
  tests: "Test",
  plan: "Offline plan",
  synthCheck: "Generated files",
  gate: "CI passed",
} as const;

export function requiredCheckNames(): string[] {
  return Object.values(ciRequiredJobs);
}
