import type { Driver } from "../../capability.ts";
import type { ModelServingArgs, ModelServing } from "./serving.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureModelServing: Driver<ModelServingArgs, ModelServing> = notBuilt("azure", "ModelServing");
