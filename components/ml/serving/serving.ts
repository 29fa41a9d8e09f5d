import type * as pulumi from "@pulumi/pulumi";
import type { ModelSpec } from "../../spec/index.ts";
import type { Network } from "../../infra/network/network.ts";
import type { Registry } from "../../infra/registry/registry.ts";
import type { EnvVar } from "../../kubernetes/workload-env.ts";
import type { Grant } from "../../grants.ts";

/**
 * Managed model endpoints (models with `serving: managed`), private and encrypted with a customer-managed key,
 * running `<the stack's repository>@<digest>`. AWS: SageMaker model + endpoint configuration (KMS) + endpoint,
 * in the private subnets with network isolation. GCP: `vertex.AiEndpoint` (`encryptionSpec`, private network).
 * Azure: Machine Learning online endpoint + deployment (public access off, AAD token auth). In-cluster models are the Kubernetes workload tier's. The model is baked into
 * the image at build time, so the image scanned is the model served; the container listens on 8080.
 */
export interface ModelServingArgs {
  readonly models: readonly ModelSpec[];
  readonly network: Network;
  /** The stack's registry: each endpoint runs `<its repository>@<digest>`, never an image from elsewhere. */
  readonly registry: Registry;
  /** Per model, its container's environment (workload-env.ts): `PORT`, `MODEL_ARTIFACTS_URL`, the region. */
  readonly environment: Readonly<Record<string, pulumi.Input<readonly EnvVar[]>>>;
  /** Encrypts the endpoints' storage. */
  readonly keyId: pulumi.Input<string>;
  /**
   * The audit capability's `logDestination`, where this resource's own logs go. Azure: the Log Analytics workspace
   * a diagnostic setting on the resource sends them to (clouds/azure/diagnostic-setting.ts). AWS and GCP log
   * through their own services and leave it unused.
   */
  readonly logDestination: pulumi.Input<string>;
  /**
   * Who rolls a new image out: `update` re-creates each endpoint's model and configuration and switches the
   * endpoint to it. AWS: a policy on the principal's role for exactly these SageMaker models, configurations and
   * endpoints, passing the execution role to SageMaker only. GCP: `roles/aiplatform.user` on the endpoint (the
   * workflow deploys the model to it). Azure: AzureML Data Scientist on the workspace's online endpoint.
   */
  readonly grants: readonly Grant<"update">[];
}

export interface ModelServing {
  readonly endpoints: Readonly<Record<string, pulumi.Output<string>>>;
  /**
   * Per model, the environment the deploy workflow gives a model it deploys itself (GCP: Vertex AI's deployed models
   * are not Pulumi's); absent where the endpoint's own resources carry it (AWS, Azure). No secrets: names and URLs.
   */
  readonly environments?: Readonly<Record<string, pulumi.Output<Readonly<Record<string, string>>>>>;
}
