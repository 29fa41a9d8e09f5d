import type { Driver } from "../../capability.ts";
import type { WarehouseArgs, Warehouse } from "./warehouse.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpWarehouse: Driver<WarehouseArgs, Warehouse> = notBuilt("gcp", "Warehouse");
