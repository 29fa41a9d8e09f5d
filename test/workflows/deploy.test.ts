import { describe, expect, it } from "vitest";
import { deployWorkflow } from "../../workflows/deploy.ts";
import { fixturePlatform } from "./fixture.ts";

const deploy = deployWorkflow(fixturePlatform());

describe("deploy", () => {
  it("deploys a stack only after every build, scan and signature of its images, and nothing failed", () => {
    const job = deploy.jobs["deploy-dev-aws"]!;
    for (const w of ["api", "orders", "etl", "recommender"]) {
      for (const stage of ["build", "scan", "sign"]) expect(job.needs).toContain(`${stage}-${w}`);
    }
    expect(job.if).toContain("!contains(needs.*.result, 'failure')");
  });

  it("deploys production stacks in production (required reviewers) and every other stack in staging", () => {
    expect(deploy.jobs["deploy-prod-aws"]!.environment).toBe("production");
    expect(deploy.jobs["deploy-prod-azure"]!.environment).toBe("production");
    expect(deploy.jobs["deploy-dev-aws"]!.environment).toBe("staging");
    expect(deploy.jobs["deploy-dev-gcp"]!.environment).toBe("staging");
  });

  it("logs in with the stack's own deploy identity, one deploy at a time per stack", () => {
    for (const stack of ["dev-aws", "dev-gcp", "prod-aws", "prod-azure"]) {
      const job = deploy.jobs[`deploy-${stack}`]!;
      const login = job.steps.find((s) => s.name?.startsWith("Log in to"))!;
      expect(Object.values(login.with ?? {}), stack).toContain(`\${{ vars.STRATUM_${stack.toUpperCase().replace("-", "_")}_DEPLOY_IDENTITY }}`);
      expect(job.concurrency, stack).toEqual({ group: `deploy-${stack}`, cancelInProgress: false });
    }
  });

  it("deploys production after the non-production stacks on its cloud", () => {
    expect(deploy.jobs["deploy-prod-aws"]!.needs).toContain("deploy-dev-aws");
    expect(deploy.jobs["deploy-prod-aws"]!.needs).not.toContain("deploy-dev-gcp");
    // No Azure dev stack in the fixtures: production on Azure waits for every non-production stack.
    expect(deploy.jobs["deploy-prod-azure"]!.needs).toEqual(expect.arrayContaining(["deploy-dev-aws", "deploy-dev-gcp"]));
  });

  it("hands the scanned digest, and only it, to the stack config", () => {
    expect(deploy.jobs["build-api"]!.outputs).toEqual({ digest: "${{ steps.build.outputs.digest }}" });
    expect(deploy.jobs["scan-api"]!.env?.IMAGE).toBe("ghcr.io/example-org/stratum-shop/api@${{ needs.build-api.outputs.digest }}");
    const gate = deploy.jobs["scan-api"]!.steps.findIndex((s) => s.id === "gate");
    const handOn = deploy.jobs["scan-api"]!.steps.findIndex((s) => s.id === "passed");
    expect(gate).toBeGreaterThan(-1);
    expect(handOn).toBeGreaterThan(gate);
    const setImages = deploy.jobs["deploy-dev-aws"]!.steps.find((s) => s.name === "Use the scanned digests")!;
    expect(setImages.env).toEqual({
      IMAGE_API: "${{ needs.scan-api.outputs.image }}",
      IMAGE_ORDERS: "${{ needs.scan-orders.outputs.image }}",
      IMAGE_RECOMMENDER: "${{ needs.scan-recommender.outputs.image }}",
      // Pipelines' images are configurable like services' and models': the CronJob runs the scanned one.
      IMAGE_ETL: "${{ needs.scan-etl.outputs.image }}",
    });
    expect(setImages.run).toContain(`pulumi config set --stack "$STACK" --path 'stratum:images.api' "$IMAGE_API"`);
    expect(deploy.jobs["sign-api"]!.steps.at(-1)!.env).toEqual({ IMAGE: "${{ needs.scan-api.outputs.image }}" });
  });
});
