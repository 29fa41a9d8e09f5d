import { versionChange } from "./finding.ts";
import type { Decision } from "./gate.ts";

/** GitHub's escaping for a workflow command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** GitHub's escaping for a property value: the message escapes plus `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * Annotations at most: GitHub shows 10 error annotations per step and 50 per job, so more would only flood the
 * log; the text report above them lists every finding.
 */
export const annotationLimit = 10;

/** One `::error` workflow command per blocking finding (the first ten, then one that counts the rest), for stdout. */
export function renderAnnotations(decision: Decision): string {
  const rest = decision.blocking.length - annotationLimit;
  const summary = rest > 0 ? `::error title=Scan gate::${rest} more blocking finding${rest === 1 ? "" : "s"}; the scan report lists them all\n` : "";
  return decision.blocking
    .slice(0, annotationLimit)
    .map((f) => {
      const expired = decision.expiredWaivers.find((use) => use.finding === f);
      const note = expired ? ` (waiver expired ${expired.waiver.expires})` : "";
      const message = `${f.severity} ${f.id} in ${f.package} ${versionChange(f)}${f.title ? `: ${f.title}` : ""}${note}`;
      return `::error title=${escapeProperty(`Scan gate: ${f.id}`)}::${escapeData(message)}\n`;
    })
    .join("") + summary;
}
