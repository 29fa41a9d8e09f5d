import { z } from "zod";

/** `YYYY-MM-DD` that is a real calendar day: "2025-02-30" is refused rather than rolled over to March. */
const isoDate = z.string().refine((text) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}, "expected a date YYYY-MM-DD");

const nonEmpty = z.string().trim().min(1, "must not be empty");

/**
 * One waiver, shared by the scan gate (`stratum scan --waivers`) and the policy pack (`policy/waivers.yaml`).
 * Strict: an unknown key is an error, because a misspelled matcher ("packge") would otherwise be dropped and
 * the waiver would silently cover more than its approver agreed to.
 */
export const waiverSchema = z.strictObject({
  /** What is waived: a policy rule id or a vulnerability id (CVE-…, GHSA-…). */
  id: nonEmpty,
  /** Why the risk is accepted; shown next to every finding it waives. */
  reason: nonEmpty,
  /** Who accepted the risk. */
  approver: nonEmpty,
  /** Last day the waiver holds (inclusive, UTC). From the next day it is expired and the finding blocks again. */
  expires: isoDate,
  /** Only this package (glob, `*` matches any run of characters). Default: every package. */
  package: nonEmpty.optional(),
  /** Only images whose reference matches this glob. Default: every image. */
  image: nonEmpty.optional(),
  /** Only Pulumi resources whose URN matches this glob (policy waivers). Default: every resource. */
  urn: nonEmpty.optional(),
});

export type Waiver = z.infer<typeof waiverSchema>;

/** How far ahead a waiver may expire unless the file sets `maxExpiryDays`: a risk is re-approved at least yearly. */
export const defaultMaxExpiryDays = 365;
/** The most a file may raise the cap to, so raising it is itself bounded. */
export const maxExpiryDaysLimit = 1095;

/** The file: a top-level `waivers:` list, and optionally the expiry cap for its entries. */
export const waiverFileSchema = z.strictObject({
  waivers: z.array(z.unknown()),
  maxExpiryDays: z.number().int().min(1).max(maxExpiryDaysLimit).optional(),
});
