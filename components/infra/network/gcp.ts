import type { Driver } from "../../capability.ts";
import type { NetworkArgs, Network } from "./network.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpNetwork: Driver<NetworkArgs, Network> = notBuilt("gcp", "Network");
