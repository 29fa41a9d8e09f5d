import type * as pulumi from "@pulumi/pulumi";
import type { ModelSpec } from "../../spec/index.ts";
import type { Network } from "../../infra/network/network.ts";
import type { ModelArtifacts } from "../artifacts/artifacts.ts";

/**
 * Managed model endpoints (models with `serving: managed`). AWS: SageMaker. GCP: Vertex AI endpoint. Azure:
 * Machine Learning online endpoint. In-cluster models are the Kubernetes workload tier's.
 */
export interface ModelServingArgs {
  readonly models: readonly ModelSpec[];
  readonly artifacts: ModelArtifacts;
  readonly network: Network;
  /** Encrypts the endpoints' storage. */
  readonly keyId: pulumi.Input<string>;
  /** The key the artifacts are encrypted with: the endpoints read them. */
  readonly artifactsKeyId: pulumi.Input<string>;
}

export interface ModelServing {
  readonly endpoints: Readonly<Record<string, pulumi.Output<string>>>;
}
