import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import { ciIdentity, fakeConnectivity, fakeKey, fakeLogBucket, fakeNetworkId, fakeProject, mandatoryViolations, ofType, planDriver, region, resource, valueOf } from "../../clouds/gcp/testing/driver-plan.ts";
import { vertexEndpointId } from "../../clouds/gcp/vertex-endpoint-id.ts";
import { takeWarnings } from "../../warnings.ts";
import type { ModelSpec } from "../../spec/index.ts";
import { gcpModelServing, uploadPermissions } from "./gcp.ts";
import type { ModelServingArgs } from "./serving.ts";

const digest = `sha256:${"b".repeat(64)}`;
const repository = `${region}-docker.pkg.dev/${fakeProject.projectId}/acme-dev-recommender/recommender`;
const model: ModelSpec = { name: "recommender", path: "examples/recommender", port: 8080, replicas: { min: 1, max: 2 }, resources: { cpu: "1", memory: "2Gi" }, healthPath: "/healthz", readinessPath: "/ready", image: digest, serving: "managed", size: "small" };
const args = (spec: ModelSpec = model): ModelServingArgs => ({
  models: [spec],
  network: { networkId: pulumi.output(fakeNetworkId), cidr: "10.0.0.0/16", privateSubnetIds: pulumi.output([]), dataStores: fakeConnectivity() },
  registry: { repositoryUrls: { recommender: pulumi.output(repository) }, host: pulumi.output(`${region}-docker.pkg.dev`) },
  environment: { recommender: [{ name: "PORT", value: "8080" }] },
  keyId: fakeKey("ml"),
  logDestination: fakeLogBucket,
  grants: [{ principal: ciIdentity("deploy"), access: "update" }],
});
const endpointType = "gcp:vertex/aiEndpoint:AiEndpoint";

describe("managed models on Vertex AI", async () => {
  const plan = await planDriver(gcpModelServing, () => args());
  const endpoint = resource(plan, endpointType, "acme-dev-recommender-endpoint");
  const id = vertexEndpointId("acme-dev-recommender-endpoint");
  const fullName = `projects/${fakeProject.projectId}/locations/${region}/endpoints/${id}`;

  test("the endpoint's id is numeric, 10 digits, no leading zero, and stable", () => {
    expect(id).toMatch(/^[1-9][0-9]{9}$/);
    expect(vertexEndpointId("acme-dev-recommender-endpoint")).toBe(id);
    expect(vertexEndpointId("acme-prod-recommender-endpoint")).not.toBe(id);
  });

  test("private: peered with the network by project number, after the private services access connection; CMEK; request logs", () => {
    expect(endpoint.inputs).toMatchObject({
      name: id,
      location: region,
      network: `projects/${fakeProject.projectNumber}/global/networks/acme-dev`,
      encryptionSpec: { kmsKeyName: fakeKey("ml") },
      predictRequestResponseLoggingConfig: { enabled: true, samplingRate: 1, bigqueryDestination: { outputUri: `bq://${fakeProject.projectId}.acme_dev_model_requests` } },
    });
    expect(endpoint.inputs["privateServiceConnectConfig"]).toBeUndefined();
    expect(endpoint.dependencies).toContain(resource(plan, "gcp:servicenetworking/connection:Connection", "psa").urn);
    expect(resource(plan, "gcp:bigquery/dataset:Dataset", "acme-dev-model-requests").inputs).toMatchObject({ location: region, defaultEncryptionConfiguration: { kmsKeyName: fakeKey("ml") }, deleteContentsOnDestroy: false });
  });

  test("what it is to serve: the model's repository at the spec's digest, with its environment", async () => {
    const made = plan.result.native.models["recommender"]!;
    expect(await valueOf(made.image)).toBe(`${repository}@${digest}`);
    expect(await valueOf(made.environment)).toEqual({ PORT: "8080" });
    expect(String(endpoint.inputs["description"])).toContain(`${repository}@${digest}`);
  });

  test("the BigQuery agent may use the ML key for the request logs; the Vertex AI agent pulls exactly the model's repository", () => {
    const agent = `serviceAccount:service-${fakeProject.projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
    const logsAgent = resource(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "acme-dev-model-requests-key-agent");
    expect(logsAgent.inputs).toEqual({ cryptoKeyId: fakeKey("ml"), role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: `serviceAccount:bq-${fakeProject.projectNumber}@bigquery-encryption.iam.gserviceaccount.com` });
    expect(ofType(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toHaveLength(1);
    expect(resource(plan, "gcp:bigquery/dataset:Dataset", "acme-dev-model-requests").dependencies).toContain(logsAgent.urn);
    expect(ofType(plan, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember").map((r) => r.inputs)).toEqual([
      { project: fakeProject.projectId, location: region, repository: "acme-dev-recommender", role: "roles/artifactregistry.reader", member: agent },
    ]);
  });

  test("the deploy identity: roles/aiplatform.user on exactly this endpoint, named as modelEndpoints names it", async () => {
    expect(ofType(plan, "gcp:vertex/aiEndpointIamMember:AiEndpointIamMember").map((r) => r.inputs)).toEqual([
      { project: fakeProject.projectId, location: region, endpoint: fullName, role: "roles/aiplatform.user", member: `principalSet://iam.googleapis.com/projects/${fakeProject.projectNumber}/locations/global/workloadIdentityPools/acme-dev-deploy/*` },
    ]);
    expect(await valueOf(plan.result.endpoints["recommender"]!)).toBe(fullName);
  });

  test("the deploy identity uploads models by a custom role holding only the upload, on the project (no model exists to bind on yet)", async () => {
    const role = resource(plan, "gcp:projects/iAMCustomRole:IAMCustomRole", "acme-dev-model-uploader");
    expect(role.inputs).toMatchObject({ project: fakeProject.projectId, roleId: "stratumModelUploader_acme_dev_models", permissions: ["aiplatform.models.get", "aiplatform.models.upload"], stage: "GA" });
    expect(uploadPermissions).toEqual(["aiplatform.models.get", "aiplatform.models.upload"]);
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember").map((r) => r.inputs)).toEqual([
      { project: fakeProject.projectId, role: `projects/${fakeProject.projectId}/roles/stratumModelUploader_acme_dev_models`, member: `principalSet://iam.googleapis.com/projects/${fakeProject.projectNumber}/locations/global/workloadIdentityPools/acme-dev-deploy/*` },
    ]);
  });

  test("the environment the deploy workflow uploads the model with is the model's, keyed by model", async () => {
    const environments = plan.result.environments!;
    expect(Object.keys(environments)).toEqual(["recommender"]);
    expect(await valueOf(environments["recommender"]!)).toEqual(await valueOf(plan.result.native.models["recommender"]!.environment));
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});

test("without a digest in config, the placeholder digest is planned and said", async () => {
  takeWarnings();
  const { image: _unused, ...undeployed } = model;
  const plan = await planDriver(gcpModelServing, () => args(undeployed));
  expect(await valueOf(plan.result.native.models["recommender"]!.image)).toMatch(new RegExp(`^${repository}@sha256:0{64}$`));
  expect(takeWarnings().join("\n")).toMatch(/recommender: no image digest/);
});
