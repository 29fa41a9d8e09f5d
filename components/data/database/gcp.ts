import type { Driver } from "../../capability.ts";
import type { DatabaseArgs, Database } from "./database.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpDatabase: Driver<DatabaseArgs, Database> = notBuilt("gcp", "Database");
