import { escapeData, escapeProperty } from "../cli/workflow-commands.ts";
import { versionChange } from "./finding.ts";
import type { Decision } from "./gate.ts";

export { escapeData, escapeProperty };

/**
 * One `::error` workflow command per blocking finding, for stdout (through `CommandIo.workflowCommand`). The
 * report's text is escaped data: a title cannot end the line or start another command.
 */
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
