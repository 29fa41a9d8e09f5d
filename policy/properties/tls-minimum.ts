/*
 * "TLS 1.2 or newer", defined once for every cloud's spelling of a minimum protocol version: CloudFront's
 * `TLSv1.2_2021`, GCP SSL policies' `TLS_1_2`, Azure storage's `TLS1_2`, Front Door's `TLS12`. A spelling the
 * function does not know is not assumed to be strong.
 */

/** `TLSv1.2_2021` → 2, `TLS_1_2` → 2, `TLS1_2` / `TLS12` → 2, `TLSv1` / `TLSv1_2016` → 0; undefined when not a TLS 1.x version. */
export function tlsMinorVersion(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  // The optional `_YYYY` suffix is CloudFront's policy year, never a minor version: `TLSv1_2016` is TLS 1.0.
  const match = /^TLS(?:v|_)?1(?:(?:\.|_)?([0-3]))?(?:_\d{4})?$/i.exec(value.trim());
  if (match === null) return undefined;
  return match[1] === undefined ? 0 : Number(match[1]);
}

/** True when the minimum protocol version is TLS 1.2 or 1.3. */
export function meetsTls12(value: unknown): boolean {
  return (tlsMinorVersion(value) ?? -1) >= 2;
}
