import type { Rule } from "../rule.ts";
import { auditLogging, flowLogs } from "./audit.ts";
import { encryptionAtRest, keyRotation } from "./encryption.ts";
import { ciIdentityFederated, noLongLivedCredentials, noPrivilegedRoles, noWildcardIam } from "./iam.ts";
import { defaultDenyNetworkPolicy, imageDigest, noHostAccess, podSecurity, resourceLimits } from "./kubernetes.ts";
import { noPublicData, noPublicDatabase, privateClusterEndpoint } from "./public-access.ts";
import { dataResidency } from "./residency.ts";
import { databaseBackups, deletionProtection, zoneRedundancy } from "./resilience.ts";
import { requiredTags } from "./tags.ts";
import { databaseSsl, denyInsecureTransport, tlsInTransit } from "./transport.ts";

/** Every rule, in the order reports list them. Ids are stable: waivers and advisory lists name them. */
export const allRules: readonly Rule[] = [
  encryptionAtRest, keyRotation,
  noPublicData, noPublicDatabase, privateClusterEndpoint,
  tlsInTransit, databaseSsl, denyInsecureTransport,
  databaseBackups, deletionProtection, zoneRedundancy,
  auditLogging, flowLogs,
  noWildcardIam, noPrivilegedRoles, ciIdentityFederated, noLongLivedCredentials,
  podSecurity, resourceLimits, imageDigest, noHostAccess, defaultDenyNetworkPolicy,
  requiredTags, dataResidency,
];
