import type { Driver } from "../../capability.ts";
import type { AuditArgs, Audit } from "./audit.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpAudit: Driver<AuditArgs, Audit> = notBuilt("gcp", "Audit");
