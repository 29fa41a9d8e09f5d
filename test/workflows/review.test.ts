import { describe, expect, it } from "vitest";
import { reviewWorkflow } from "../../workflows/review.ts";
import { fixturePlatform } from "./fixture.ts";

describe("review environments", () => {
  const platform = fixturePlatform();

  it("copy the first dev stack with a name of their own and the dev profile's TTL", () => {
    const up = reviewWorkflow(platform)!.jobs.up!;
    const create = up.steps.find((s) => s.name === "Create or select the review stack")!;
    expect(create.run).toContain("--copy-config-from dev-aws");
    expect(create.run).toContain('stratum:name "shop-pr$PR_NUMBER"');
    expect(create.env?.TTL_HOURS).toBe("72");
    expect(up.environment).toBe("review");
  });

  it("run in review and log in with the dev base stack's deploy identity", () => {
    for (const [id, job] of Object.entries(reviewWorkflow(platform)!.jobs)) {
      expect(job.environment, id).toBe("review");
      const login = job.steps.find((s) => s.name === "Log in to AWS")!;
      expect(login.with?.["role-to-assume"], id).toBe("${{ vars.STRATUM_DEV_AWS_DEPLOY_IDENTITY }}");
    }
  });

  it("are destroyed on close and swept by the janitor on schedule", () => {
    const jobs = reviewWorkflow(platform)!.jobs;
    expect(jobs.down!.if).toContain("github.event.action == 'closed'");
    expect(jobs.down!.steps.at(-1)!.run).toContain('pulumi stack rm --yes --stack "pr-$PR_NUMBER"');
    expect(jobs.janitor!.steps.at(-1)!.run).toBe("npm run --silent stratum -- review janitor --apply");
  });

  it("are not generated without a dev stack", () => {
    expect(reviewWorkflow({ ...platform, stacks: platform.stacks.filter((s) => s.environment !== "dev"), review: undefined })).toBeUndefined();
  });
});
