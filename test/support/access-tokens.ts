import { createHmac, randomBytes } from "node:crypto";

/**
 * The access tokens the credential stand-ins hand out and the resource stand-ins check, in one place: a token names
 * one principal (a service account's e-mail, a managed identity's client id) for one audience (a scope or a
 * resource), and a stand-in that is shown a token it did not issue, or one for another audience, refuses it as the
 * real service would. A token is derived from the principal and the audience with a per-run secret, so a test can
 * know one before any app asks for it (PostgreSQL takes it as the role's password: the database then checks it).
 */
export class AccessTokens {
  private readonly secret = randomBytes(32);
  private readonly issued = new Map<string, { principal: string; audience: string }>();

  /** The token of `principal` for `audience`: the same for the whole run. */
  tokenFor(principal: string, audience: string, prefix = "offline"): string {
    const token = `${prefix}.${createHmac("sha256", this.secret).update(`${principal}\n${audience}`).digest("base64url")}`;
    this.issued.set(token, { principal, audience });
    return token;
  }

  /** Who a token was issued to, and for what; undefined for a token no stand-in issued. */
  holder(token: string): { readonly principal: string; readonly audience: string } | undefined {
    return this.issued.get(token);
  }

  /** The holder of an `Authorization: Bearer <token>` header, or why it is refused (never echoing the token). */
  bearer(header: string | undefined, audience: string): { principal: string } | { refused: string } {
    const token = /^Bearer (\S+)$/.exec(header ?? "")?.[1];
    if (!token) return { refused: "no bearer token" };
    const holder = this.holder(token);
    if (!holder) return { refused: "a bearer token no credential stand-in issued" };
    if (holder.audience !== audience) return { refused: `a token for ${holder.audience}, not ${audience}` };
    return { principal: holder.principal };
  }
}
