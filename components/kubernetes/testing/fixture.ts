import * as pulumi from "@pulumi/pulumi";
import { recordProgram, type Recording } from "../../../lib/plan/record.ts";
import type { PlatformSpec } from "../../spec/index.ts";
import { exampleSpec } from "./example-spec.ts";
import type { Driver } from "../../capability.ts";
import { takeWarnings } from "../../warnings.ts";
import { awsWorkloadIdentity } from "../identity/aws.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "../identity/identity.ts";
import { Workloads } from "../workloads.ts";
import { WorkloadIdentities } from "../identities.ts";
import { appNamespaceName } from "../workload-specs.ts";
import { hostsReviewEnvironments } from "../../review/names.ts";
import { awsWorkloadWiring } from "../../clouds/aws/workload-wiring.ts";
import { awsOffline } from "../../clouds/aws/offline.ts";

export { exampleSpec };

export const fakeAccount = "000000000000";
export const fakeKeyArn = (domain: string) => `arn:aws:kms:us-east-1:${fakeAccount}:key/${domain}`;
export const fakeBucket = (zone: string) => `acme-lake-${zone}`;

export interface WorkloadsPlan extends Recording {
  readonly spec: PlatformSpec;
  readonly warnings: string[];
}

/**
 * Plans the workloads' identities and the Workloads component alone under the mock runtime, fed small fake infra
 * and data contracts (what the AWS drivers would return), with the AWS workload-identity driver unless another is
 * given. The data capabilities' grants are not part of it (see components/data/grants-aws.test.ts).
 */
export async function planWorkloads(spec: PlatformSpec, identity: Driver<WorkloadIdentityArgs, WorkloadIdentity> = awsWorkloadIdentity): Promise<WorkloadsPlan> {
  takeWarnings();
  const out = pulumi.output;
  const names = [...spec.web.services, ...spec.ml.models, ...spec.data.pipelines].map((w) => w.name);
  const recording = await recordFor(spec, async () => {
    const cluster = { clusterName: out("acme-dev"), endpoint: out("https://acme-dev.offline.invalid"), oidcIssuerUrl: out("https://oidc.offline.invalid/id/acme-dev"), kubeconfig: pulumi.secret("apiVersion: v1\nkind: Config\n") };
    // As the Platform does: the identities first, then the workloads bound to them.
    const identities = new WorkloadIdentities("identities", { spec, driver: identity, cluster, namespace: appNamespaceName(spec), reviewNamespaces: hostsReviewEnvironments(spec), databaseUser: (w) => w }, {});
    new Workloads("web-workloads", {
      spec,
      identities: identities.identities,
      cluster,
      registry: { repositoryUrls: Object.fromEntries(names.map((n) => [n, out(`${fakeAccount}.dkr.ecr.us-east-1.offline.invalid/acme-dev-${n}`)])), host: out(`${fakeAccount}.dkr.ecr.us-east-1.offline.invalid`) },
      data: {
        lake: { zoneLocations: Object.fromEntries(spec.data.lake.zones.map((z) => [z, out(fakeBucket(z))])) },
        database: { host: out("db.offline.invalid"), port: out(5432), databaseName: out("orders"), adminSecretRef: pulumi.secret("arn:secret") },
        warehouse: { warehouseId: out("acme-dev"), endpoint: out("acme-dev.offline.invalid") },
      },
      artifacts: { location: out("acme-dev-ml") },
      wiring: awsWorkloadWiring,
    }, {});
  });
  return { ...recording, spec, warnings: takeWarnings() };
}

/** Runs a program under the mock runtime for an example stack's spec, recording what it registers. */
export function recordFor(spec: PlatformSpec, program: () => Promise<Record<string, unknown> | void>): Promise<Recording> {
  return recordProgram({ project: "stratum", stack: spec.stack, config: { "aws:region": spec.region }, region: spec.region, offline: awsOffline, program });
}
