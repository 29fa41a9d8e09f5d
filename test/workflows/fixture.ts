import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadStackSpecs, synthesize } from "../../workflows/synth.ts";
import { withBuildContexts } from "../../workflows/build-contexts.ts";
import { workflowPlatform, type WorkflowPlatform } from "../../workflows/platform.ts";

import { repoRoot } from "../support/shared-dir.ts";

export { repoRoot };
const fixtureStacks = join(repoRoot, "test/workflows/fixtures/stacks");

/**
 * A throwaway repository root with the fixture stacks (dev-aws, prod-aws, dev-gcp, prod-azure) and the real
 * example apps as build contexts.
 */
export function fixtureRoot(): string {
  const root = mkdtempSync(join(tmpdir(), "stratum-workflows-"));
  cpSync(fixtureStacks, join(root, "stacks"), { recursive: true });
  symlinkSync(join(repoRoot, "examples"), join(root, "examples"));
  return root;
}

/** The platform synth generates from (each workload's named build contexts read from its Dockerfile). */
export function fixturePlatform(): WorkflowPlatform {
  const root = fixtureRoot();
  return withBuildContexts(workflowPlatform(loadStackSpecs(root)), root);
}

/** Path → text of every workflow generated from the fixture stacks. */
export function fixtureWorkflows(): Map<string, string> {
  return synthesize(fixtureRoot());
}

/** Path → text of every workflow committed in this repository's `.github/workflows/`. */
export function committedWorkflows(): Map<string, string> {
  const dir = join(repoRoot, ".github/workflows");
  return new Map(readdirSync(dir).filter((f) => f.endsWith(".yml")).sort().map((f) => [`.github/workflows/${f}`, readFileSync(join(dir, f), "utf8")]));
}

/** What the self-audit and the linters check: the fixture stacks' workflows and this repository's own. */
export function auditedWorkflows(): Map<string, string> {
  return new Map([...[...fixtureWorkflows()].map(([p, t]) => [`fixtures: ${p}`, t] as const), ...[...committedWorkflows()].map(([p, t]) => [`repository: ${p}`, t] as const)]);
}
