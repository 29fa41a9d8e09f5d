import * as pulumi from "@pulumi/pulumi";
import { neutralizeWorkflowCommands } from "../lib/cli/workflow-commands.ts";

/**
 * Warnings the program raises while it plans: each goes to Pulumi's log when an engine runs the program
 * (`pulumi preview` shows it) and always to an in-process list that the offline plan (`stratum plan`) reads into
 * its report.
 */
const pending: string[] = [];

export function warn(message: string): void {
  pending.push(message);
  // Without an engine (the offline plan) Pulumi's log only prints to the console; the plan reports the list.
  // The Pulumi CLI prints it in the CI log, where a config value it quotes must not start a workflow command.
  if (pulumi.runtime.hasEngine()) void pulumi.log.warn(neutralizeWorkflowCommands(message));
}

/** The warnings raised since the last call, oldest first; the list is emptied. */
export function takeWarnings(): string[] {
  return pending.splice(0);
}
