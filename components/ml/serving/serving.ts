import type * as pulumi from "@pulumi/pulumi";
import type { ModelSpec } from "../../spec/index.ts";
import type { Network } from "../../infra/network/network.ts";
import type { Registry } from "../../infra/registry/registry.ts";
import type { EnvVar } from "../../kubernetes/workload-env.ts";

/**
 * Managed model endpoints (models with `serving: managed`). AWS: SageMaker. GCP: Vertex AI endpoint. Azure:
 * Machine Learning online endpoint. In-cluster models are the Kubernetes workload tier's. The model is baked into
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
}

export interface ModelServing {
  readonly endpoints: Readonly<Record<string, pulumi.Output<string>>>;
}
