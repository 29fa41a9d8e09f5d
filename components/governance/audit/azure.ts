import type { Driver } from "../../capability.ts";
import type { AuditArgs, Audit } from "./audit.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureAudit: Driver<AuditArgs, Audit> = notBuilt("azure", "Audit");
