import { beforeAll, describe, expect, it } from "vitest";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * Looks across the parts of a planned stack, as `stratum plan --stack <stack> --format json` prints it: every pod
 * gets its configuration from the platform, and that configuration agrees with the stack's own outputs and
 * grants; nothing secret is in a manifest; each pipeline's identity is scoped to exactly its zones. (Images, from
 * the manifests to the registry to the publish job, are followed by test/consistency/images.test.ts.)
 */
interface Container {
  readonly name: string;
  readonly image: string;
  readonly env?: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: unknown }[];
}
type Inputs = Record<string, any>;
const podTemplate = (r: PlanResource): Inputs => (r.type.endsWith(":CronJob") ? (r.inputs as Inputs)["spec"].jobTemplate.spec.template : (r.inputs as Inputs)["spec"].template);
const podKinds = /^kubernetes:(apps\/v1:Deployment|batch\/v1:Job|batch\/v1:CronJob)$/;
const envOf = (r: PlanResource) => Object.fromEntries((podTemplate(r).spec.containers[0] as Container).env!.map((e) => [e.name, e.value]));

const plans: Record<string, PlanReport> = {};
beforeAll(async () => {
  plans["dev-aws"] = await examplePlan("dev-aws");
  plans["prod-aws"] = await examplePlan("prod-aws");
});

describe.each(["dev-aws", "prod-aws"])("%s, across the parts", (stack) => {
  const plan = () => plans[stack]!;
  const ofType = (type: string) => plan().resources.filter((r) => r.type === type);
  const pods = () => plan().resources.filter((r) => podKinds.test(r.type));
  const outputs = () => plan().outputs as Inputs;

  it("every Deployment, Job and CronJob has its environment from the platform, and it agrees with the stack's outputs", () => {
    const kinds = pods().map((r) => `${r.type.split(":").pop()} ${r.name}`).sort();
    expect(kinds).toEqual(stack === "dev-aws"
      ? ["CronJob etl", "Deployment api", "Deployment orders", "Deployment recommender", "Job orders-migrate-000000000000"]
      : ["CronJob etl", "Deployment api", "Deployment orders", "Job orders-migrate-000000000000"]);
    const o = outputs();
    const s3 = (zone: string) => `s3://${o["lakeZones"][zone]}`;
    const orders = ofType("kubernetes:core/v1:Service").find((r) => r.name === "orders")!.inputs as Inputs;
    const namespace = orders["metadata"].namespace;
    const database = { DATABASE_HOST: o["databaseHost"], DATABASE_PORT: String(o["databasePort"]), DATABASE_NAME: o["databaseName"], DATABASE_USER: "orders", DATABASE_AUTH: "aws-iam", DATABASE_SSLMODE: "require" };
    const expected: Record<string, Record<string, string>> = {
      api: { PORT: "8080", LAKE_CURATED_URL: s3("curated"), SERVICE_ORDERS_URL: `http://orders.${namespace}.svc.cluster.local:${orders["spec"].ports[0].port}`, AWS_REGION: o["region"] },
      orders: { PORT: "8080", ...database, AWS_REGION: o["region"] },
      recommender: { PORT: "8080", MODEL_ARTIFACTS_URL: `s3://${o["modelArtifacts"]}/recommender/`, AWS_REGION: o["region"] },
      etl: { LAKE_CURATED_URL: s3("curated"), LAKE_RAW_URL: s3("raw"), PIPELINE_SOURCE_URL: s3("raw"), PIPELINE_TARGET_URL: s3("curated"), AWS_REGION: o["region"] },
    };
    for (const r of pods()) {
      const workload = r.name.replace(/-migrate-[0-9a-f]{12}$/, "");
      // A migration Job has its service's environment but PORT: it listens on nothing.
      const { PORT: _port, ...job } = expected[workload]!;
      expect(envOf(r), `${r.type} ${r.name}`).toEqual(r.type.endsWith(":Job") ? job : expected[workload]);
    }
  });

  it("the database user a workload is given is the one its identity may connect as", () => {
    const orders = pods().find((r) => r.name === "orders")!;
    const role = ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").find((r) => r.inputs["serviceAccount"] === podTemplate(orders).spec.serviceAccountName)!.inputs["roleArn"] as string;
    const policy = JSON.parse(ofType("aws:iam/rolePolicy:RolePolicy").find((r) => role.endsWith(`/${r.inputs["role"]}`))!.inputs["policy"] as string);
    const connect = policy.Statement.find((s: { Action: string[] }) => s.Action.includes("rds-db:connect"));
    expect(connect.Resource).toEqual([expect.stringMatching(new RegExp(`:dbuser:[^/]+/${envOf(orders)["DATABASE_USER"]}$`))]);
  });

  it("no manifest and no output holds a password: no secret reference, no credential in a URL, no password-named value", () => {
    const text = JSON.stringify(plan());
    expect(text).not.toMatch(/[a-z][a-z0-9+.-]*:\/\/[^/\s:@"]+:[^@\s"]+@/i);
    for (const r of plan().resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      expect(r.type, r.name).not.toBe("kubernetes:core/v1:Secret");
      expect(JSON.stringify(r.inputs), `${r.type} ${r.name}`).not.toMatch(/secretKeyRef|valueFrom|PASSWORD|SECRET/);
    }
    const walk = (value: unknown, path: string): void => {
      if (value === null || typeof value !== "object") return;
      for (const [key, item] of Object.entries(value)) {
        // A key that holds a password itself (password, masterPassword, ...) may only ever be masked.
        if (/password$/i.test(key) && typeof item !== "boolean") expect(item, `${path}.${key}`).toBe("[secret]");
        walk(item, `${path}.${key}`);
      }
    };
    walk(plan(), stack);
    expect(outputs()["databaseAdminSecret"]).toBe("[secret]");
  });

  it("the pipeline's CronJob runs as its own identity, scoped to read its source zone and read and write its target zone, nothing else", () => {
    const cron = ofType("kubernetes:batch/v1:CronJob").find((r) => r.name === "etl")!;
    expect((cron.inputs as Inputs)["spec"]).toMatchObject({ schedule: "0 2 * * *", timeZone: "Etc/UTC", concurrencyPolicy: "Forbid", jobTemplate: { spec: { activeDeadlineSeconds: expect.any(Number) } } });
    const account = podTemplate(cron).spec.serviceAccountName;
    expect(account).toBe("etl");
    const association = ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation").find((r) => r.inputs["serviceAccount"] === account)!;
    expect(association.inputs["namespace"]).toBe((cron.inputs as Inputs)["metadata"].namespace);
    const roleName = (association.inputs["roleArn"] as string).split("/").pop();
    const statements = JSON.parse(ofType("aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs["role"] === roleName)!.inputs["policy"] as string).Statement;
    const zones = outputs()["lakeZones"] as Record<string, string>;
    const lakeKey = ofType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").find((r) => r.inputs["bucket"] === zones["raw"])!;
    expect(statements).toEqual([
      { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${zones["raw"]}`] },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${zones["raw"]}/*`] },
      { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${zones["curated"]}`] },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${zones["curated"]}/*`] },
      { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [(lakeKey.inputs as Inputs)["rules"][0].applyServerSideEncryptionByDefault.kmsMasterKeyId] },
    ]);
    // And nothing runs an unbuilt script any more.
    expect(plan().resources.filter((r) => r.type.startsWith("aws:glue/job") || r.type.startsWith("aws:glue/trigger"))).toEqual([]);
  });

  it("exports what the workflows need: every workload's repository, the registry's host, the front end's bucket and CDN", () => {
    const o = outputs();
    expect(Object.keys(o["registryUrls"]).sort()).toEqual(["api", "etl", "orders", "recommender"]);
    for (const url of Object.values(o["registryUrls"] as Record<string, string>)) expect(url.split("/")[0]).toBe(o["registryHost"]);
    expect(o["registryHost"]).toBe("000000000000.dkr.ecr.us-east-1.offline.invalid");
    expect(ofType("aws:s3/bucket:Bucket").map((r) => r.inputs["bucket"] ?? r.name)).toContain(o["frontendBucket"]);
    expect(ofType("aws:cloudfront/distribution:Distribution").map((r) => r.name)).toEqual([o["frontendCdnId"]]);
    expect(o).not.toHaveProperty("pipelineJobs");
  });
});

it("prod-aws: the managed model runs on 8080 with the platform's environment and may pull exactly its own repository", () => {
  const plan = plans["prod-aws"]!;
  const model = plan.resources.find((r) => r.type === "aws:sagemaker/model:Model")!.inputs as Inputs;
  expect(model["primaryContainer"].environment).toEqual({ PORT: "8080", MODEL_ARTIFACTS_URL: `s3://${(plan.outputs as Inputs)["modelArtifacts"]}/recommender/`, AWS_REGION: "us-east-1" });
  const policy = JSON.parse(plan.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === "acme-prod-models-permissions")!.inputs["policy"] as string);
  const ecr = policy.Statement.filter((s: { Action: string[] }) => s.Action.some((a) => a.startsWith("ecr:")));
  expect(ecr).toEqual([
    { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
    { Sid: "PullImages", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], Resource: ["arn:aws:ecr:us-east-1:000000000000:repository/acme-prod-recommender"] },
  ]);
  expect(policy.Statement.some((s: { Action: string[] }) => s.Action.includes("s3:GetObject"))).toBe(false);
});
