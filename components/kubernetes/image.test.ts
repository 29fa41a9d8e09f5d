import * as pulumi from "@pulumi/pulumi";
import { beforeEach, expect, test } from "vitest";
import { takeWarnings } from "../warnings.ts";
import { resolveImage } from "./image.ts";
import { placeholderDigest } from "./placeholder-digest.ts";
import { exampleSpec, planWorkloads } from "./testing/fixture.ts";

const digest = `sha256:${"ab".repeat(32)}`;
const repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme-dev-api";
const resolved = (output: pulumi.Output<string>) => new Promise<string>((resolve) => output.apply(resolve));

beforeEach(() => {
  takeWarnings();
});

test("a digest is joined with the workload's repository from the stack's registry", async () => {
  const image = resolveImage("api", digest, pulumi.output(repository));
  expect(await resolved(image.reference)).toBe(`${repository}@${digest}`);
  expect(image).toMatchObject({ digest, placeholder: false });
  expect(takeWarnings()).toEqual([]);
});

test("a full reference is never used, even pinned by digest: images come only from the stack's registry", () => {
  expect(() => resolveImage("api", `registry.example.com/team/api@${digest}`, repository)).toThrow(/api: image "registry\.example\.com\/team\/api@sha256:[a-f0-9]{64}" is not a digest/);
  expect(() => resolveImage("api", "api:latest", repository)).toThrow(/is not a digest/);
});

test("no digest yet: the placeholder, which no registry serves, and a warning the plan reports", async () => {
  const image = resolveImage("api", undefined, repository);
  expect(await resolved(image.reference)).toBe(`${repository}@${placeholderDigest}`);
  expect(image.placeholder).toBe(true);
  expect(takeWarnings()).toEqual([expect.stringMatching(/^api: no image digest in stack config \(stratum:images\.api\); planned with the placeholder sha256:0{64}/)]);
  expect(takeWarnings()).toEqual([]);
});

test("planned workloads run the stack's digests from the stack's repositories, and never a tag", async () => {
  const other = `sha256:${"cd".repeat(32)}`;
  const images = { api: digest, orders: other, recommender: digest, etl: other };
  const plan = await planWorkloads(exampleSpec("dev-aws", { images }));
  const templates = plan.resources.filter((r) => /:(Deployment|Job|CronJob)$/.test(r.type)).map((r) => (r.inputs as any).spec.jobTemplate?.spec.template ?? (r.inputs as any).spec.template);
  const containers = templates.flatMap((t) => t.spec.containers as { image: string }[]);
  expect(containers.map((c) => c.image).sort()).toEqual([
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-api@${digest}`,
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-etl@${other}`,
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-orders@${other}`,
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-orders@${other}`,
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-recommender@${digest}`,
  ]);
  expect(plan.warnings).toEqual([]);
  expect(plan.resources.find((r) => r.type.endsWith(":Job"))!.name).toBe(`orders-migrate-${"cd".repeat(6)}`);
});

test("without digests the plan still runs, every workload on the placeholder, one warning each", async () => {
  const plan = await planWorkloads(exampleSpec("dev-aws"));
  expect(plan.warnings.map((w) => w.split(":")[0])).toEqual(["api", "orders", "recommender", "etl"]);
  expect(JSON.stringify(plan.resources)).not.toMatch(/:latest/);
});
