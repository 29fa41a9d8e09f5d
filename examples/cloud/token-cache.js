// A short-lived access token, fetched when first needed and again shortly before it expires, with one request in
// flight at a time however many connections ask at once. `fetchToken()` resolves to `{ token, expiresInSeconds }`.
// The token itself is never part of an error message or a log line.
const REFRESH_MARGIN_MS = 5 * 60_000;

export function tokenCache(fetchToken, now = () => Date.now()) {
  let current;
  let pending;
  return async function token() {
    if (current && current.refreshAt > now()) return current.token;
    pending ??= fetchToken()
      .then(({ token, expiresInSeconds }) => {
        const lifetime = expiresInSeconds * 1000;
        // A token that lives less than twice the margin is refreshed at half its life instead.
        current = { token, refreshAt: now() + Math.max(lifetime - REFRESH_MARGIN_MS, lifetime / 2) };
        return token;
      })
      .finally(() => (pending = undefined));
    return pending;
  };
}

/** `{ token, expiresInSeconds }` from an OAuth token response body, or an error naming who answered what (never the token). */
export function oauthToken(body, who) {
  const token = body?.access_token;
  const expires = Number(body?.expires_in);
  if (typeof token !== "string" || token === "" || !Number.isFinite(expires) || expires <= 0) {
    throw new Error(`${who} answered without an access_token and a positive expires_in (fields: ${Object.keys(body ?? {}).join(", ") || "none"})`);
  }
  return { token, expiresInSeconds: expires };
}
