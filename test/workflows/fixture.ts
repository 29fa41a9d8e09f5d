import { cpSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadStackSpecs, synthesize } from "../../workflows/synth.ts";
import { workflowPlatform, type WorkflowPlatform } from "../../workflows/platform.ts";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
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

export function fixturePlatform(): WorkflowPlatform {
  return workflowPlatform(loadStackSpecs(fixtureRoot()));
}

/** Path → text of every workflow generated from the fixture stacks. */
export function fixtureWorkflows(): Map<string, string> {
  return synthesize(fixtureRoot());
}
