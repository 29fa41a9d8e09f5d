import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

/** Vitest's global setup: the folder where this run's test processes share the example stacks' plans (example-plans.ts). */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "stratum-example-plans-"));
  project.provide("examplePlansDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
