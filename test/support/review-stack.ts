import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { loadProgram } from "../../lib/plan/load-program.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import { stackReferencesFor } from "../../lib/plan/stack-references.ts";
import { takeWarnings } from "../../components/warnings.ts";

export const repositoryRoot = new URL("../../", import.meta.url).pathname;
export const reviewFixture = { stack: "pr-123", baseStack: "dev-aws", pullRequest: 123 } as const;

/**
 * A folder laid out as the repository's stacks are, holding dev-aws and the review fixture `pr-123`: dev-aws's
 * config with the overlay in test/fixtures/review set over it (what `pulumi stack init --copy-config-from` and
 * the review workflow's `pulumi config set` leave in a review stack).
 */
export function reviewStackRoot(overrides: Readonly<Record<string, unknown>> = {}): string {
  const root = mkdtempSync(join(tmpdir(), "stratum-review-"));
  mkdirSync(join(root, "stacks"));
  const base = join("stacks", `Pulumi.${reviewFixture.baseStack}.yaml`);
  copyFileSync(join(repositoryRoot, base), join(root, base));
  const baseConfig = (parse(readFileSync(join(repositoryRoot, base), "utf8")) as { config: Record<string, unknown> }).config;
  const overlay = (parse(readFileSync(join(repositoryRoot, "test/fixtures/review/Pulumi.pr-123.overlay.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
  writeFileSync(join(root, "stacks", `Pulumi.${reviewFixture.stack}.yaml`), stringify({ config: { ...baseConfig, ...overlay, ...overrides } }));
  return root;
}

/** Plans the review fixture offline as `stratum plan` does: the base stack first, its plan outputs answering the StackReference. */
export async function planReviewFixture(root = reviewStackRoot()): Promise<{ review: PlanReport; base: PlanReport }> {
  const program = await loadProgram(repositoryRoot);
  const planned = new Map<string, PlanReport>();
  const prepared = prepareStack(root, reviewFixture.stack);
  const stackReferences = await stackReferencesFor(root, prepared, planned, (p) => planStack(p, program, { takeWarnings }));
  const review = await planStack(prepared, program, { takeWarnings, stackReferences });
  return { review, base: planned.get(reviewFixture.baseStack)! };
}
