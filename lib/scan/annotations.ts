import { escapeData, escapeProperty } from "../cli/workflow-commands.ts";
import { versionChange } from "./finding.ts";
import type { Decision } from "./gate.ts";

export { escapeData, escapeProperty };

/**
 * One `::error` workflow command per blocking finding, for stdout (through `CommandIo.workflowCommand`). The
 * report's text is escaped data: a title cannot end the line or start another command.
 */
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
