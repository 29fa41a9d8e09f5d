import type { Driver } from "../../capability.ts";
import type { CatalogArgs, Catalog } from "./catalog.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpCatalog: Driver<CatalogArgs, Catalog> = notBuilt("gcp", "Catalog");
