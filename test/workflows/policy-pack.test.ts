import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { auditedWorkflows } from "./fixture.ts";

interface JobDoc {
  steps: { name?: string; run?: string }[];
}

const jobs = [...auditedWorkflows()].flatMap(([path, text]) =>
  Object.entries((parse(text) as { jobs: Record<string, JobDoc> }).jobs).map(([id, job]) => ({ label: `${path}#${id}`, job })),
);

describe("the policy pack in generated workflows", () => {
  const pulumiWithPolicies = jobs.filter(({ job }) => job.steps.some((s) => /pulumi (preview|up)\b.*--policy-pack /.test(s.run ?? "")));

  it("runs on every preview, deploy and review", () => {
    expect(pulumiWithPolicies.length).toBeGreaterThan(0);
    const uses = jobs.filter(({ job }) => job.steps.some((s) => /pulumi (preview --stack|up)\b/.test(s.run ?? "") && !/--expect-no-changes/.test(s.run ?? "")));
    expect(uses.map((j) => j.label)).toEqual(pulumiWithPolicies.map((j) => j.label));
  });

  it("always gets the stack's own policy config, generated from its spec before the command that reads it", () => {
    for (const { label, job } of pulumiWithPolicies) {
      const config = job.steps.findIndex((s) => /stratum -- policy config --stack .+ > "\$RUNNER_TEMP\/policy-config\.json"/.test(s.run ?? ""));
      const command = job.steps.findIndex((s) => /pulumi (preview|up)\b.*--policy-pack policy --policy-pack-config "\$RUNNER_TEMP\/policy-config\.json"/.test(s.run ?? ""));
      expect(config, label).toBeGreaterThanOrEqual(0);
      expect(command, label).toBeGreaterThan(config);
    }
  });

  it("never runs a review stack's comment through the plan reader: the URLs go as their own sticky comment", () => {
    const review = jobs.filter(({ job }) => job.steps.some((s) => /review\/urls\.md/.test(s.run ?? "")));
    expect(review.length).toBeGreaterThan(0);
    for (const { job } of review) expect(job.steps.some((s) => /stratum -- comment --pr "\$PR_NUMBER" --markdown review\/urls\.md --marker review/.test(s.run ?? ""))).toBe(true);
  });
});
