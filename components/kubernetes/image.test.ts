import * as pulumi from "@pulumi/pulumi";
import { beforeEach, expect, test } from "vitest";
import { takeWarnings } from "../warnings.ts";
import { placeholderDigest, resolveImage } from "./image.ts";
import { exampleSpec, planWorkloads } from "./testing/fixture.ts";

const digest = `sha256:${"ab".repeat(32)}`;
const repository = "123456789012.dkr.ecr.us-east-1.amazonaws.com/acme-dev-api";
const resolved = (output: pulumi.Output<string>) => new Promise<string>((resolve) => output.apply(resolve));

beforeEach(() => {
  takeWarnings();
});

test("a full reference pinned by digest is used as is", async () => {
  const image = resolveImage("api", `registry.example.com/team/api@${digest}`, repository);
  expect(await resolved(image.reference)).toBe(`registry.example.com/team/api@${digest}`);
  expect(image).toMatchObject({ digest, placeholder: false });
  expect(takeWarnings()).toEqual([]);
});

test("a bare digest is joined with the workload's repository from the registry", async () => {
  expect(await resolved(resolveImage("api", digest, pulumi.output(repository)).reference)).toBe(`${repository}@${digest}`);
});

test("no digest yet: the placeholder, which no registry serves, and a warning the plan reports", async () => {
  const image = resolveImage("api", undefined, repository);
  expect(await resolved(image.reference)).toBe(`${repository}@${placeholderDigest}`);
  expect(image.placeholder).toBe(true);
  expect(takeWarnings()).toEqual([expect.stringMatching(/^api: no image digest in stack config \(stratum:images\.api\); planned with the placeholder sha256:0{64}/)]);
  expect(takeWarnings()).toEqual([]);
});

test("planned workloads run the stack's digests, and never a tag", async () => {
  const images = { api: digest, orders: `other.example.com/orders@${digest}`, recommender: digest };
  const plan = await planWorkloads(exampleSpec("dev-aws", { images }));
  const containers = plan.resources.filter((r) => /:(Deployment|Job)$/.test(r.type)).flatMap((r) => (r.inputs as any).spec.template.spec.containers as { image: string }[]);
  expect(containers.map((c) => c.image).sort()).toEqual([
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-api@${digest}`,
    `000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-recommender@${digest}`,
    `other.example.com/orders@${digest}`,
    `other.example.com/orders@${digest}`,
  ]);
  expect(plan.warnings).toEqual([]);
  expect(plan.resources.find((r) => r.type.endsWith(":Job"))!.name).toBe(`orders-migrate-${"ab".repeat(6)}`);
});

test("without digests the plan still runs, every workload on the placeholder, one warning each", async () => {
  const plan = await planWorkloads(exampleSpec("dev-aws"));
  expect(plan.warnings.map((w) => w.split(":")[0])).toEqual(["api", "orders", "recommender"]);
  expect(JSON.stringify(plan.resources)).not.toMatch(/:latest/);
});
