import type { Waiver } from "./waiver.ts";

/** What a waiver is checked against. A matcher the waiver sets must find its field here, or it does not match. */
export interface WaiverSubject {
  readonly id: string;
  readonly package?: string;
  readonly image?: string;
  readonly urn?: string;
}

/** Glob with `*` (any run of characters, `/` and `:` included) and `?` (one character); all else is literal. */
export function globMatches(pattern: string, text: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(text);
}

/** True when every matcher the waiver sets matches the subject; an absent matcher matches anything. */
export function waiverMatches(waiver: Waiver, subject: WaiverSubject): boolean {
  if (waiver.id !== subject.id) return false;
  const matchers = [
    [waiver.package, subject.package],
    [waiver.image, subject.image],
    [waiver.urn, subject.urn],
  ] as const;
  return matchers.every(([pattern, value]) => pattern === undefined || (value !== undefined && globMatches(pattern, value)));
}

/** A waiver holds through its `expires` day; `today` is `YYYY-MM-DD` (UTC), injectable so tests need no clock. */
export function isExpired(waiver: Waiver, today: string): boolean {
  return waiver.expires < today;
}

/** Today's date as `YYYY-MM-DD` in UTC, the form `isExpired` compares. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The waivers matching a subject, split into those in force and those expired. */
export function findWaivers(waivers: readonly Waiver[], subject: WaiverSubject, today: string) {
  const matching = waivers.filter((w) => waiverMatches(w, subject));
  return {
    valid: matching.filter((w) => !isExpired(w, today)),
    expired: matching.filter((w) => isExpired(w, today)),
  };
}
