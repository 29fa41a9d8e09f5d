import * as pulumi from "@pulumi/pulumi";
import * as projects from "@pulumi/gcp/projects/index.js";
import * as logging from "@pulumi/gcp/logging/index.js";
import * as storage from "@pulumi/gcp/storage/index.js";
import type { Driver } from "../../capability.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { secureBucket } from "../../clouds/gcp/secure-bucket.ts";
import type { Audit, AuditArgs } from "./audit.ts";

export interface GcpAudit extends Audit {
  readonly native: {
    readonly auditConfig: projects.IAMAuditConfig;
    readonly logBucket: storage.Bucket;
    readonly sink: logging.ProjectSink;
    readonly sinkWriter: storage.BucketIAMMember;
  };
}

/** Every audit log the project writes: admin activity, data access, system events and policy denials. */
export const auditLogFilter = 'logName:"cloudaudit.googleapis.com"';

/**
 * Data-access audit logs for every service (`allServices`: ADMIN_READ, DATA_READ, DATA_WRITE; admin activity is
 * always on) and a log sink copying the project's audit logs to a Cloud Storage bucket of their own: encrypted
 * with the audit key, public access prevented, retention locked for `logRetentionDays` (Bucket Lock: no one,
 * not even the project's owner, can delete or overwrite a log before then, or shorten the lock), and deleted
 * after it. The sink writes as its own service account (`uniqueWriterIdentity`), granted only
 * `roles/storage.objectCreator` on that bucket. `logDestination` is the bucket's name.
 */
export const gcpAudit: Driver<AuditArgs, GcpAudit> = {
  create(args, ctx) {
    const { projectId } = projectOf(ctx);
    const opts = { parent: ctx.parent };
    const auditConfig = new projects.IAMAuditConfig(ctx.name("data-access-audit"), {
      project: projectId,
      service: "allServices",
      auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
    }, opts);
    const logBucket = secureBucket(ctx, "audit-logs", {
      keyName: args.keyId,
      retention: { days: args.logRetentionDays, locked: true },
      expireAfterDays: args.logRetentionDays,
      softDeleteDays: 7,
    });
    const sink = new logging.ProjectSink(ctx.name("audit-sink"), {
      name: ctx.name("audit-sink"),
      project: projectId,
      description: "the project's audit logs, to the locked audit bucket",
      destination: pulumi.interpolate`storage.googleapis.com/${logBucket.name}`,
      filter: auditLogFilter,
      uniqueWriterIdentity: true,
      disabled: false,
    }, opts);
    const sinkWriter = new storage.BucketIAMMember(ctx.name("audit-sink-writer"), {
      bucket: logBucket.name,
      role: "roles/storage.objectCreator",
      member: sink.writerIdentity,
    }, opts);
    return { logDestination: logBucket.name, native: { auditConfig, logBucket, sink, sinkWriter } };
  },
};
