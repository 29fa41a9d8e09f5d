import { createSign, createVerify, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";

/**
 * A stand-in for a cluster's service account token issuer (the OIDC issuer Entra ID federates with): it signs
 * projected service account tokens (RS256 JWTs: iss, sub `system:serviceaccount:<ns>:<sa>`, aud, iat, nbf, exp)
 * as the kubelet projects them into AZURE_FEDERATED_TOKEN_FILE, and verifies them for the Entra stand-in.
 */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class ServiceAccountIssuer {
  private readonly key = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private readonly kid = randomUUID();
  readonly issuer: string;
  constructor(issuer: string) {
    this.issuer = issuer;
  }

  get publicKey(): KeyObject {
    return this.key.publicKey;
  }

  /** A signed token for the service account, as the kubelet projects it (audience api://AzureADTokenExchange unless told). */
  token(namespace: string, serviceAccount: string, options: { audience?: string; lifetimeSeconds?: number; issuer?: string } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url({ alg: "RS256", kid: this.kid, typ: "JWT" });
    const payload = b64url({
      aud: [options.audience ?? TOKEN_EXCHANGE_AUDIENCE],
      iss: options.issuer ?? this.issuer,
      sub: `system:serviceaccount:${namespace}:${serviceAccount}`,
      iat: now,
      nbf: now,
      exp: now + (options.lifetimeSeconds ?? 3600),
      "kubernetes.io": { namespace, serviceaccount: { name: serviceAccount } },
    });
    const signature = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(this.key.privateKey).toString("base64url");
    return `${header}.${payload}.${signature}`;
  }
}

export interface VerifiedAssertion {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
}

/** The assertion's claims if it is a JWT signed by one of `issuers` and unexpired, else why not (AADSTS-style). */
export function verifyAssertion(jwt: string, issuers: readonly ServiceAccountIssuer[]): VerifiedAssertion | { refused: string } {
  const parts = jwt.split(".");
  if (parts.length !== 3) return { refused: "AADSTS50027: JWT token is invalid or malformed: not three dot-separated parts." };
  let header: { alg?: string };
  let claims: { iss?: string; sub?: string; aud?: string | string[]; exp?: number; nbf?: number };
  try {
    header = JSON.parse(Buffer.from(parts[0]!, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    return { refused: "AADSTS50027: JWT token is invalid or malformed: its header or payload is not JSON." };
  }
  if (header.alg !== "RS256") return { refused: `AADSTS5002738: the assertion's alg ${JSON.stringify(header.alg)} is not supported; expected RS256.` };
  const issuer = issuers.find((i) => i.issuer === claims.iss);
  if (!issuer) return { refused: `AADSTS700211: No matching federated identity record found for presented assertion issuer '${claims.iss}'.` };
  const signed = createVerify("RSA-SHA256").update(`${parts[0]}.${parts[1]}`).verify(issuer.publicKey, Buffer.from(parts[2]!, "base64url"));
  if (!signed) return { refused: "AADSTS50013: Assertion failed signature validation." };
  const now = Date.now() / 1000;
  if (typeof claims.exp !== "number" || claims.exp < now) return { refused: "AADSTS700024: Client assertion is not within its valid time range." };
  if (typeof claims.nbf === "number" && claims.nbf > now + 300) return { refused: "AADSTS700024: Client assertion is not within its valid time range." };
  const aud = typeof claims.aud === "string" ? [claims.aud] : (claims.aud ?? []);
  if (typeof claims.sub !== "string") return { refused: "AADSTS50027: JWT token is invalid or malformed: no sub." };
  return { iss: claims.iss!, sub: claims.sub, aud };
}
