import * as pulumi from "@pulumi/pulumi";
import * as glue from "@pulumi/aws/glue/index.js";
import type * as iam from "@pulumi/aws/iam/index.js";
import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Driver } from "../../capability.ts";
import { accountId, bucketArn, keysThroughS3 } from "../../clouds/aws/account.ts";
import { awsCron } from "../../clouds/aws/cron.ts";
import { validCron } from "../../spec/cron.ts";
import { catalogArns, glueRole, glueSecurityConfiguration } from "../../clouds/aws/glue.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { secureBucket, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import type { Pipelines, PipelinesArgs } from "./pipelines.ts";

export interface AwsPipelines extends Pipelines {
  readonly native: {
    readonly scripts: SecureBucket & { readonly policy: s3.BucketPolicy };
    readonly securityConfiguration: glue.SecurityConfiguration;
    readonly role: iam.Role;
    readonly jobs: Readonly<Record<string, glue.Job>>;
    readonly triggers: Readonly<Record<string, glue.Trigger>>;
  };
}

const warehouseTarget = "warehouse";
const glueVersion = "5.0";
const workerType = "G.1X";

/**
 * One Glue job per pipeline, run on its schedule by a trigger, under a security configuration that encrypts its
 * output, logs and bookmarks with the pipelines key. The job role reads the source zone, writes the target zone
 * (or gets warehouse credentials) and touches the catalog; job scripts live in their own secure bucket, where the
 * deploy workflow uploads them to `<pipeline>/main.py`.
 */
export const awsPipelines: Driver<PipelinesArgs, AwsPipelines> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const region = ctx.spec.region;
    const account = accountId(ctx);
    const { workers, timeoutMinutes } = ctx.spec.data.pipelineRuntime;
    const zone = (name: string) => {
      const location = args.lake.zoneLocations[name];
      if (!location) throw new Error(`pipeline zone "${name}" is not a lake zone`);
      return location;
    };
    const scripts = secureBucket(ctx, "pipeline-scripts", { keyArn: args.keyId, noncurrentVersionDays: ctx.spec.data.lake.noncurrentVersionRetentionDays, accessLogBucket: args.logDestination });
    const securityConfiguration = glueSecurityConfiguration(ctx, "pipelines-security", args.keyId);
    const sources = [...new Set(args.pipelines.map((p) => p.source))].map(zone);
    const targets = [...new Set(args.pipelines.map((p) => p.target).filter((t) => t !== warehouseTarget))].map(zone);
    const objects = (buckets: pulumi.Output<string>[]) => buckets.map((b) => pulumi.interpolate`${bucketArn(b)}/*`);
    const statements: PolicyStatement[] = [
      { Sid: "ListZones", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation"], Resource: [...sources, ...targets, scripts.bucket.bucket].map(bucketArn) },
      { Sid: "ReadSources", Effect: "Allow", Action: ["s3:GetObject"], Resource: [...objects(sources), pulumi.interpolate`${scripts.bucket.arn}/*`] },
      { Sid: "WriteTargets", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject", "s3:GetObject"], Resource: [...objects(targets), pulumi.interpolate`${scripts.bucket.arn}/_temp/*`] },
      keysThroughS3(region, [args.lakeKeyId]),
      {
        Sid: "Catalog",
        Effect: "Allow",
        Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition", "glue:GetPartitions", "glue:CreateTable", "glue:UpdateTable", "glue:BatchCreatePartition"],
        Resource: catalogArns(ctx, account, [...new Set(args.pipelines.flatMap((p) => [p.source, p.target]).filter((z) => z !== warehouseTarget))]),
      },
    ];
    if (args.warehouse && args.pipelines.some((p) => p.target === warehouseTarget)) {
      statements.push({ Sid: "WarehouseCredentials", Effect: "Allow", Action: ["redshift-serverless:GetCredentials"], Resource: [args.warehouse.resourceId] });
    }
    const role = glueRole(ctx, "pipelines-role", { account, keyArn: args.keyId, statements });

    const jobs: Record<string, glue.Job> = {};
    const triggers: Record<string, glue.Trigger> = {};
    for (const pipeline of args.pipelines) {
      const target = pipeline.target === warehouseTarget ? args.warehouse?.endpoint ?? "" : pulumi.interpolate`s3://${zone(pipeline.target)}/`;
      jobs[pipeline.name] = new glue.Job(ctx.name(`${pipeline.name}-job`), {
        name: ctx.name(pipeline.name),
        roleArn: role.arn,
        glueVersion,
        workerType,
        numberOfWorkers: workers,
        timeout: timeoutMinutes,
        maxRetries: 0,
        securityConfiguration: securityConfiguration.name,
        command: { name: "glueetl", pythonVersion: "3", scriptLocation: pulumi.interpolate`s3://${scripts.bucket.bucket}/${pipeline.name}/main.py` },
        defaultArguments: {
          "--job-bookmark-option": "job-bookmark-enable",
          "--enable-continuous-cloudwatch-log": "true",
          "--TempDir": pulumi.interpolate`s3://${scripts.bucket.bucket}/_temp/${pipeline.name}/`,
          "--source": pulumi.interpolate`s3://${zone(pipeline.source)}/`,
          "--target": target,
        },
      }, opts);
      triggers[pipeline.name] = new glue.Trigger(ctx.name(`${pipeline.name}-schedule`), {
        name: ctx.name(`${pipeline.name}-schedule`),
        type: "SCHEDULED",
        schedule: awsCron(validCron(pipeline.schedule)),
        startOnCreation: true,
        actions: [{ jobName: jobs[pipeline.name]!.name }],
      }, opts);
    }
    const jobNames: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, job.name]));
    return { jobNames, native: { scripts, securityConfiguration, role, jobs, triggers } };
  },
};
