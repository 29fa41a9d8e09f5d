import type { Rule } from "../rule.ts";
import { auditLogging, flowLogs } from "./audit.ts";
import { ciIdentityFederated } from "./ci-trust.ts";
import { cdnWaf } from "./edge.ts";
import { encryptionAtRest, keyRotation } from "./encryption.ts";
import { noLongLivedCredentials, noPrivilegedRoles, noWildcardIam } from "./iam.ts";
import { defaultDenyNetworkPolicy, imageDigest, noHostAccess, podSecurity, resourceLimits } from "./kubernetes.ts";
import { serviceExposure } from "./kubernetes-exposure.ts";
import { keyStoreProtection } from "./key-protection.ts";
import { noInternetIngress } from "./network.ts";
import { noPublicNetworkAccess } from "./public-network.ts";
import { noPublicPrincipal } from "./public-principal.ts";
import { noPublicData, noPublicDatabase, privateClusterEndpoint } from "./public-access.ts";
import { registryImmutableScanned } from "./registry.ts";
import { dataResidency } from "./residency.ts";
import { resourceScopedGrants } from "./resource-scoped-grants.ts";
import { databaseBackups, deletionProtection, zoneRedundancy } from "./resilience.ts";
import { requiredTags } from "./tags.ts";
import { databaseSsl, denyInsecureTransport, tlsInTransit } from "./transport.ts";

/** Every rule, in the order reports list them. Ids are stable: waivers and advisory lists name them. */
export const allRules: readonly Rule[] = [
  encryptionAtRest, keyRotation, keyStoreProtection,
  noPublicData, noPublicDatabase, noPublicNetworkAccess, privateClusterEndpoint, noInternetIngress, noPublicPrincipal, cdnWaf,
  tlsInTransit, databaseSsl, denyInsecureTransport,
  databaseBackups, deletionProtection, zoneRedundancy,
  auditLogging, flowLogs,
  noWildcardIam, noPrivilegedRoles, resourceScopedGrants, ciIdentityFederated, noLongLivedCredentials,
  registryImmutableScanned,
  podSecurity, resourceLimits, imageDigest, noHostAccess, serviceExposure, defaultDenyNetworkPolicy,
  requiredTags, dataResidency,
];
