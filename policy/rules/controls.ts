import type { Controls } from "../rule.ts";

/**
 * The control sets the rules share, so each rule's evidence reads the same across families. Control ids:
 * SOC 2 Trust Services Criteria (2017, rev. 2022), HIPAA Security Rule (45 CFR 164), GDPR articles,
 * ISO/IEC 27001:2022 Annex A.
 */
export const controlSets = {
  encryptionAtRest: { soc2: ["CC6.1", "CC6.7"], hipaa: ["164.312(a)(2)(iv)"], gdpr: ["Art. 32"], iso27001: ["A.8.24"] },
  noPublicAccess: { soc2: ["CC6.1", "CC6.6"], hipaa: ["164.312(a)(1)"], gdpr: ["Art. 25", "Art. 32"], iso27001: ["A.8.3", "A.8.20"] },
  transport: { soc2: ["CC6.7"], hipaa: ["164.312(e)(1)"], gdpr: ["Art. 32"], iso27001: ["A.8.24", "A.5.14"] },
  resilience: { soc2: ["A1.2"], hipaa: ["164.308(a)(7)(ii)(A)"], gdpr: ["Art. 32"], iso27001: ["A.8.13"] },
  redundancy: { soc2: ["A1.2"], hipaa: ["164.308(a)(7)(ii)(B)"], gdpr: ["Art. 32"], iso27001: ["A.8.14"] },
  audit: { soc2: ["CC7.2"], hipaa: ["164.312(b)"], gdpr: ["Art. 32"], iso27001: ["A.8.15"] },
  networkMonitoring: { soc2: ["CC7.2"], hipaa: ["164.312(b)"], gdpr: ["Art. 32"], iso27001: ["A.8.15", "A.8.16"] },
  leastPrivilege: { soc2: ["CC6.1", "CC6.3"], hipaa: ["164.312(a)(1)"], gdpr: ["Art. 25"], iso27001: ["A.5.15", "A.8.2"] },
  credentials: { soc2: ["CC6.1", "CC6.2"], hipaa: ["164.312(d)"], gdpr: ["Art. 32"], iso27001: ["A.5.17", "A.8.5"] },
  workloadHardening: { soc2: ["CC6.8"], hipaa: ["164.312(c)(1)"], gdpr: ["Art. 32"], iso27001: ["A.8.9"] },
  capacity: { soc2: ["A1.1"], hipaa: [], gdpr: [], iso27001: ["A.8.6"] },
  supplyChain: { soc2: ["CC8.1"], hipaa: ["164.312(c)(1)"], gdpr: ["Art. 32"], iso27001: ["A.8.32"] },
  edgeProtection: { soc2: ["CC6.6"], hipaa: ["164.312(e)(1)"], gdpr: ["Art. 32"], iso27001: ["A.8.20", "A.8.21"] },
  segmentation: { soc2: ["CC6.6"], hipaa: ["164.312(e)(1)"], gdpr: ["Art. 32"], iso27001: ["A.8.22"] },
  inventory: { soc2: ["CC6.1"], hipaa: [], gdpr: ["Art. 30"], iso27001: ["A.5.9"] },
  residency: { soc2: [], hipaa: [], gdpr: ["Art. 44"], iso27001: [] },
} as const satisfies Record<string, Controls>;
