import { asArray, asRecord, get, policyStatements, refersTo } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { meetsTls12 } from "../properties/tls-minimum.ts";
import { deniesInsecureTransport, forceSslParameter, parametersForceSsl, workgroupRequiresSsl } from "../properties/tls-only.ts";
import type { PlainStatement } from "../properties/wildcard-grant.ts";
import { bucketsLacking } from "./aws-s3.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const httpsViewerPolicies = ["redirect-to-https", "https-only"];

function cloudFrontProblems(i: Readonly<Record<string, unknown>>): string[] {
  const behaviours = [asRecord(i["defaultCacheBehavior"]), ...asArray(i["orderedCacheBehaviors"]).map(asRecord)];
  const plain = behaviours.filter((b) => !httpsViewerPolicies.includes(String(b["viewerProtocolPolicy"])));
  const certificate = asRecord(i["viewerCertificate"]);
  // The default *.cloudfront.net certificate fixes the minimum protocol itself; only a custom certificate can set TLS 1.2.
  const minimum = String(certificate["minimumProtocolVersion"] ?? "");
  const weakTls = certificate["cloudfrontDefaultCertificate"] !== true && !meetsTls12(minimum);
  const httpOrigins = asArray(i["origins"]).filter((o) => get(o, "customOriginConfig") !== undefined && get(o, "customOriginConfig.originProtocolPolicy") !== "https-only");
  return problems(
    [plain.length > 0, `viewerProtocolPolicy allows plain HTTP on ${plain.length} cache behaviour(s)`],
    [weakTls, `viewerCertificate.minimumProtocolVersion "${minimum}" is below TLSv1.2`],
    [httpOrigins.length > 0, "a custom origin is reached without https-only"],
  );
}

/** Every host an Ingress routes is served with a certificate, and plain HTTP is not let through. */
function ingressProblems(i: Readonly<Record<string, unknown>>): string[] {
  const tls = asArray(get(i, "spec.tls")).map(asRecord);
  const covered = new Set(tls.flatMap((t) => asArray(t["hosts"]).map(String)));
  const hosts = asArray(get(i, "spec.rules")).map((r) => get(r, "host"));
  const uncovered = hosts.filter((h) => typeof h !== "string" || !covered.has(h));
  const annotations = asRecord(get(i, "metadata.annotations"));
  return problems(
    [tls.length === 0, "Ingress has no TLS (spec.tls is empty)"],
    [tls.length > 0 && uncovered.length > 0, `Ingress serves ${uncovered.map((h) => (typeof h === "string" ? h : "a rule without host")).join(", ")} without TLS (not in spec.tls hosts)`],
    [String(annotations["nginx.ingress.kubernetes.io/ssl-redirect"]) === "false", "Ingress lets plain HTTP through (nginx.ingress.kubernetes.io/ssl-redirect \"false\")"],
  );
}

/**
 * A plain-HTTP proxy only exists to send visitors to HTTPS: the URL map it serves must redirect every request
 * (defaultUrlRedirect.httpsRedirect), or plain HTTP reaches the backends.
 */
function httpProxyFindings(resources: readonly RuleResource[]): StackFinding[] {
  const maps = resources.filter((r) => r.type === "gcp:compute/uRLMap:URLMap");
  return resources
    .filter((r) => r.type === "gcp:compute/targetHttpProxy:TargetHttpProxy")
    .filter((proxy) => {
      const map = maps.find((m) => refersTo(proxy.inputs["urlMap"], m));
      return get(map?.inputs, "defaultUrlRedirect.httpsRedirect") !== true;
    })
    .map((proxy) => ({ urn: proxy.urn, message: `HTTP proxy ${proxy.name} serves plain HTTP: its urlMap must name a URL map whose defaultUrlRedirect.httpsRedirect is true` }));
}

export const tlsInTransit: Rule = {
  id: "tls-in-transit",
  description: "Distributions, load balancers, storage and Kubernetes Ingresses accept HTTPS only, with TLS 1.2 or newer.",
  severity: "high",
  remediation: "AWS CloudFront: viewerProtocolPolicy redirect-to-https on every behaviour, minimumProtocolVersion TLSv1.2_2021, https-only custom origins. GCP: every TargetHttpsProxy names an sslPolicy with minTlsVersion TLS_1_2, and an HTTP proxy only serves a URL map whose defaultUrlRedirect has httpsRedirect true. Azure: enableHttpsTrafficOnly true and minimumTlsVersion TLS1_2 on storage accounts, Front Door routes with httpsRedirect Enabled and forwardingProtocol HttpsOnly, minimumTlsVersion TLS12 on custom domains. Kubernetes: every Ingress host listed under spec.tls with a certificate secret.",
  controls: controlSets.transport,
  ...byType({
    "aws:cloudfront/distribution:Distribution": (i) => cloudFrontProblems(i),
    "kubernetes:networking.k8s.io/v1:Ingress": (i) => ingressProblems(i),
    "gcp:compute/sSLPolicy:SSLPolicy": (i) => (meetsTls12(i["minTlsVersion"]) ? undefined : `minTlsVersion "${String(i["minTlsVersion"] ?? "TLS_1_0")}" is below TLS_1_2`),
    // Without an SSL policy the load balancer negotiates Google's default, which still accepts TLS 1.0.
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": (i) => (typeof i["sslPolicy"] === "string" && i["sslPolicy"] !== "" ? undefined : "HTTPS proxy has no sslPolicy (Google's default accepts TLS 1.0)"),
    "azure-native:storage:StorageAccount": (i) =>
      problems([i["enableHttpsTrafficOnly"] === false, "enableHttpsTrafficOnly is false"], [!meetsTls12(i["minimumTlsVersion"]), `minimumTlsVersion "${String(i["minimumTlsVersion"] ?? "unset")}" is below TLS1_2`]),
    "azure-native:cdn:Route": (i) =>
      problems([i["httpsRedirect"] !== "Enabled", `httpsRedirect is not "Enabled"`], [i["forwardingProtocol"] !== "HttpsOnly", `forwardingProtocol "${String(i["forwardingProtocol"] ?? "MatchRequest (default)")}" can reach the origin over plain HTTP (expected HttpsOnly)`]),
    "azure-native:cdn:AFDCustomDomain": (i) => (meetsTls12(get(i, "tlsSettings.minimumTlsVersion")) ? undefined : "tlsSettings.minimumTlsVersion is below TLS12"),
  }),
  checkStack: (resources) => httpProxyFindings(resources),
};

/**
 * Azure PostgreSQL's require_secure_transport is a server parameter, set through a Configuration resource that
 * names the server: each Flexible Server has one setting it on (the platform states it rather than relying on
 * the service default, which an operator can switch off outside the program).
 */
function postgresSslFindings(resources: readonly RuleResource[]): StackFinding[] {
  const configurations = resources.filter((r) => r.type === "azure-native:dbforpostgresql:Configuration" && r.inputs["configurationName"] === "require_secure_transport");
  return resources
    .filter((r) => r.type === "azure-native:dbforpostgresql:Server")
    .filter((server) => !configurations.some((c) => refersTo(c.inputs["serverName"], server) && String(c.inputs["value"]).toLowerCase() === "on"))
    .map((server) => ({ urn: server.urn, message: `database ${server.name} does not enforce TLS: no dbforpostgresql.Configuration require_secure_transport "on" names it (serverName)` }));
}


function rdsSslFindings(resources: readonly RuleResource[], dbType: string, groupInput: string, groupType: string): StackFinding[] {
  const groups = resources.filter((r) => r.type === groupType);
  return resources
    .filter((r) => r.type === dbType)
    .flatMap((db) => {
      const parameter = forceSslParameter[String(db.inputs["engine"])];
      if (parameter === undefined) return [];
      const group = groups.find((g) => refersTo(db.inputs[groupInput], g));
      const forced = parametersForceSsl(db.inputs["engine"], asArray(group?.inputs["parameters"]));
      return forced ? [] : [{ urn: db.urn, message: `database ${db.name} does not enforce SSL: its ${groupInput} must name a parameter group setting ${parameter}=1` }];
    });
}

export const databaseSsl: Rule = {
  id: "database-ssl",
  description: "Databases and the warehouse refuse connections that are not encrypted.",
  severity: "high",
  remediation: "AWS: a parameter group with rds.force_ssl=1 (PostgreSQL) or require_secure_transport=1 (MySQL) referenced by the instance. GCP: settings.ipConfiguration.sslMode ENCRYPTED_ONLY. Azure: a dbforpostgresql.Configuration require_secure_transport \"on\" for every Flexible Server (never one setting it off). Redshift Serverless: configParameters require_ssl true on the workgroup.",
  controls: controlSets.transport,
  ...byType({
    "aws:redshiftserverless/workgroup:Workgroup": (i) => (workgroupRequiresSsl(asArray(i["configParameters"])) ? undefined : "warehouse accepts connections without TLS (configParameters require_ssl is not true)"),
    "gcp:sql/databaseInstance:DatabaseInstance": (i) =>
      ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].includes(String(get(i, "settings.ipConfiguration.sslMode"))) ? undefined : "settings.ipConfiguration.sslMode is not ENCRYPTED_ONLY",
    "azure-native:dbforpostgresql:Configuration": (i) =>
      i["configurationName"] === "require_secure_transport" && String(i["value"]).toLowerCase() === "off" ? "require_secure_transport is set to off" : undefined,
  }),
  checkStack: (resources) => [
    ...rdsSslFindings(resources, "aws:rds/instance:Instance", "parameterGroupName", "aws:rds/parameterGroup:ParameterGroup"),
    ...rdsSslFindings(resources, "aws:rds/cluster:Cluster", "dbClusterParameterGroupName", "aws:rds/clusterParameterGroup:ClusterParameterGroup"),
    ...postgresSslFindings(resources),
  ],
};

const bucketPolicyDeniesInsecureTransport = (policy: RuleResource): boolean => deniesInsecureTransport({ Statement: policyStatements(policy.inputs["policy"]) as PlainStatement[] });

export const denyInsecureTransport: Rule = {
  id: "deny-insecure-transport",
  description: "Every S3 bucket's policy denies requests that do not use TLS.",
  severity: "medium",
  remediation: "Attach a BucketPolicy with a Deny statement for all principals (\"*\") and all actions (s3:*) when aws:SecureTransport is false.",
  controls: controlSets.transport,
  checkStack: (resources) =>
    bucketsLacking(resources, ["aws:s3/bucketPolicy:BucketPolicy"], bucketPolicyDeniesInsecureTransport, (bucket) => `bucket ${bucket.name} has no BucketPolicy denying aws:SecureTransport=false`),
};
