import type { Driver } from "../../capability.ts";
import type { ModelArtifactsArgs, ModelArtifacts } from "./artifacts.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureModelArtifacts: Driver<ModelArtifactsArgs, ModelArtifacts> = notBuilt("azure", "ModelArtifacts");
