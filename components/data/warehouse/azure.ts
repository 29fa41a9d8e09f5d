import type { Driver } from "../../capability.ts";
import type { WarehouseArgs, Warehouse } from "./warehouse.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureWarehouse: Driver<WarehouseArgs, Warehouse> = notBuilt("azure", "Warehouse");
