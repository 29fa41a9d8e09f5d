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

/** One `::error` workflow command per blocking finding, for stdout. */
export function renderAnnotations(decision: Decision): string {
  return decision.blocking
    .map((f) => {
      const expired = decision.expiredWaivers.find((use) => use.finding === f);
      const note = expired ? ` (waiver expired ${expired.waiver.expires})` : "";
      const message = `${f.severity} ${f.id} in ${f.package} ${versionChange(f)}${f.title ? `: ${f.title}` : ""}${note}`;
      return `::error title=${escapeProperty(`Scan gate: ${f.id}`)}::${escapeData(message)}\n`;
    })
    .join("");
}
