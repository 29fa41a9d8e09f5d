import type { Driver } from "../../capability.ts";
import type { CatalogArgs, Catalog } from "./catalog.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureCatalog: Driver<CatalogArgs, Catalog> = notBuilt("azure", "Catalog");
