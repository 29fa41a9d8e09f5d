import type { Driver } from "../../capability.ts";
import type { DatabaseArgs, Database } from "./database.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureDatabase: Driver<DatabaseArgs, Database> = notBuilt("azure", "Database");
