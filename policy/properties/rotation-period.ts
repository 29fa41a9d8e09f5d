/*
 * "Keys rotate at least every 90 days", defined once for the periods each cloud writes: GCP's duration in seconds
 * (`7776000s`) and Azure Key Vault's ISO 8601 durations (`P90D`, `P3M`, `P1Y`). AWS KMS rotates symmetric keys on
 * its own schedule once `enableKeyRotation` is on, so its rule reads that flag instead.
 */

export const maxRotationDays = 90;

/** A period in days, or undefined when it is not one of the spellings above. Months count 30 days, years 365. */
export function periodDays(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const seconds = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  if (seconds !== null) return Number(seconds[1]) / 86400;
  const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/i.exec(value.trim());
  if (iso === null || value.trim().length <= 1) return undefined;
  const [, years = "0", months = "0", weeks = "0", days = "0"] = iso;
  return Number(years) * 365 + Number(months) * 30 + Number(weeks) * 7 + Number(days);
}

/** Why a rotation period is not acceptable, or undefined when it is set and at most `maxDays`. */
export function rotationProblem(value: unknown, maxDays = maxRotationDays): string | undefined {
  const days = periodDays(value);
  if (days === undefined) return value === undefined ? "no rotation period is set" : `rotation period ${JSON.stringify(value)} is not a duration`;
  if (days <= 0) return `rotation period ${JSON.stringify(value)} is not positive`;
  return days > maxDays ? `rotation period ${JSON.stringify(value)} (${Math.round(days)} days) is longer than ${maxDays} days` : undefined;
}
