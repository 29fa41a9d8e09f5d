import { readFileSync } from "node:fs";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** What makes a test file long: real servers, offline plans, child processes. */
const heavy = [/OfflineSystem|startPostgres/, /plan(ExampleStack|FixtureStack|AzureStack|ReviewFixture|Json|Stack)\(/, /stratumProcess|spawn\(|execFile(Sync)?\(/];

/** A file's expected cost: its size, and much more for each kind of heavy work it does. */
function weight(file: string): number {
  const text = readFileSync(file, "utf8");
  return text.length + 100_000 * heavy.filter((pattern) => pattern.test(text)).length;
}

/**
 * Vitest runs the longest files first once it has timings, and without them (a fresh clone, CI) the largest
 * first. Size says little here: the long files start servers, plan stacks or run the CLI, and started last they
 * leave the other cores idle at the end. Without timings for every file, those run first.
 */
export class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (files.every((spec) => this.ctx.cache.getTestSpecificationResult(spec))) return super.sort(files);
    const weights = new Map(files.map((spec) => [spec, weight(spec.moduleId)]));
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!);
  }
}
