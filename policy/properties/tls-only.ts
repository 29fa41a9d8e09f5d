import { asList, type PlainPolicy } from "./wildcard-grant.ts";

/*
 * "TLS only", defined once per kind of store. The rules (`deny-insecure-transport`, `database-ssl`) and the
 * conformance suite's `tlsOnly` / `tlsRequired` postures both call these, so they cannot disagree.
 */

const everyone = (principal: unknown) =>
  principal === "*" || (principal !== null && typeof principal === "object" && asList((principal as Record<string, unknown>)["AWS"] as string | string[]).includes("*"));

/**
 * A bucket policy is TLS-only when a Deny statement covers every principal and every S3 action (`s3:*` or `*`)
 * whenever `aws:SecureTransport` is false. A deny for one action, or for one principal, leaves plain HTTP open.
 */
export function deniesInsecureTransport(policy: PlainPolicy): boolean {
  return asList(policy.Statement).some((s) => {
    const bool = (s.Condition as Record<string, Record<string, unknown>> | undefined)?.["Bool"];
    const secure = bool === undefined ? undefined : Object.entries(bool).find(([k]) => k.toLowerCase() === "aws:securetransport")?.[1];
    return s.Effect === "Deny" && everyone(s.Principal) && asList(s.Action).some((a) => a === "*" || a === "s3:*") && asList(secure as string | string[]).some((v) => String(v) === "false");
  });
}

/** RDS engines and the parameter that makes the server refuse unencrypted connections. */
export const forceSslParameter: Readonly<Record<string, string>> = {
  postgres: "rds.force_ssl",
  "aurora-postgresql": "rds.force_ssl",
  mysql: "require_secure_transport",
  "aurora-mysql": "require_secure_transport",
  mariadb: "require_secure_transport",
};
const onValues = ["1", "on", "true"];

/** True when a parameter group's parameters make an engine refuse non-TLS connections. */
export function parametersForceSsl(engine: unknown, parameters: readonly unknown[]): boolean {
  const parameter = forceSslParameter[String(engine)];
  if (parameter === undefined) return false;
  return parameters.some((p) => {
    const record = (p ?? {}) as Record<string, unknown>;
    return record["name"] === parameter && onValues.includes(String(record["value"]).toLowerCase());
  });
}

/** A Redshift Serverless workgroup refuses non-TLS connections only with `require_ssl` set to true. */
export function workgroupRequiresSsl(configParameters: readonly unknown[]): boolean {
  return configParameters.some((p) => {
    const record = (p ?? {}) as Record<string, unknown>;
    return record["parameterKey"] === "require_ssl" && String(record["parameterValue"]).toLowerCase() === "true";
  });
}
