import * as pulumi from "@pulumi/pulumi";
import type { Driver } from "../../capability.ts";
import type { CloudDrivers } from "../../cloud-contract.ts";
import { keyDomains, type KeyDomain } from "../../governance/keys/keys.ts";
import { awsWorkloadIdentity } from "../identity/aws.ts";
import { awsReviewWorkloadIdentity } from "../identity/aws-review.ts";
import { awsProvider } from "../../clouds/aws/provider.ts";
import { awsWorkloadWiring } from "../../clouds/aws/workload-wiring.ts";
import { awsAccountOutputs } from "../../clouds/aws/account-outputs.ts";
import { awsDataStoreConnectivity } from "../../clouds/aws/data-store-connectivity.ts";
import { fakeAccount, fakeBucket, fakeKeyArn } from "./fixture.ts";

/** A driver that creates nothing and returns fixed contract outputs. */
function fake<A, R extends object>(result: (args: A) => R): Driver<A, R> {
  return { create: (args) => result(args) };
}

const out = pulumi.output;

/**
 * Every capability faked with the contract outputs an AWS driver would return, except the one under test: the
 * real AWS workload-identity driver. Lets the whole Platform run with the Kubernetes tier wired in before the
 * AWS drivers land.
 */
export const fakeAwsDrivers: CloudDrivers = {
  cloud: "aws",
  provider: awsProvider,
  accountOutputs: awsAccountOutputs,
  governance: {
    keys: fake(() => ({ keyIds: Object.fromEntries(keyDomains.map((d) => [d, out(fakeKeyArn(d))])) as Record<KeyDomain, pulumi.Output<string>> })),
    audit: fake(() => ({ logDestination: out("acme-audit") })),
  },
  infra: {
    network: fake((args) => ({ networkId: out("vpc-0"), cidr: args.cidr, privateSubnetIds: out(["subnet-a"]), dataStores: awsDataStoreConnectivity({ vpcId: out("vpc-0"), subnetIds: out(["subnet-d"]), cidr: args.cidr }) })),
    cluster: fake(() => ({ clusterName: out("acme-dev"), endpoint: out("https://acme-dev.offline.invalid"), oidcIssuerUrl: out("https://oidc.offline.invalid"), kubeconfig: pulumi.secret("apiVersion: v1") })),
    registry: fake((args) => ({ repositoryUrls: Object.fromEntries(args.repositories.map((r) => [r, out(`${fakeAccount}.dkr.ecr.us-east-1.offline.invalid/acme-dev-${r}`)])), host: out(`${fakeAccount}.dkr.ecr.us-east-1.offline.invalid`) })),
    ciIdentity: fake(() => ({
      deployIdentity: out("arn:aws:iam::000000000000:role/deploy"),
      deploySubjects: ["repo:acme/platform:environment:staging"],
      publishIdentity: out("arn:aws:iam::000000000000:role/publish"),
      publishSubject: "repo:acme/platform:ref:refs/heads/main",
      previewIdentity: out("arn:aws:iam::000000000000:role/preview"),
      previewSubject: "repo:acme/platform:environment:preview",
      principals: {
        deploy: { name: "deploy", id: out("arn:aws:iam::000000000000:role/deploy") },
        publish: { name: "publish", id: out("arn:aws:iam::000000000000:role/publish") },
        preview: { name: "preview", id: out("arn:aws:iam::000000000000:role/preview") },
      },
    })),
  },
  data: {
    database: fake(() => ({ host: out("db.offline.invalid"), port: out(5432), databaseName: out("orders"), adminSecretRef: pulumi.secret("arn:secret") })),
    lake: fake((args) => ({ zoneLocations: Object.fromEntries(args.zones.map((z) => [z, out(fakeBucket(z))])) })),
    warehouse: fake(() => ({ warehouseId: out("acme-dev"), endpoint: out("acme-dev.offline.invalid") })),
    catalog: fake(() => ({ catalogId: out(fakeAccount) })),
  },
  ml: {
    artifacts: fake(() => ({ location: out("acme-dev-ml") })),
    serving: fake(() => ({ endpoints: {} })),
  },
  web: { frontend: fake(() => ({ url: out("https://dev.acme.example.com"), siteLocation: out("acme-dev-site"), cdnId: out("acme-dev-cdn") })) },
  workloadWiring: () => awsWorkloadWiring,
  kubernetes: { workloadIdentity: awsWorkloadIdentity, reviewWorkloadIdentity: awsReviewWorkloadIdentity },
};
