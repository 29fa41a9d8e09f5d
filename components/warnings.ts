import * as pulumi from "@pulumi/pulumi";

/**
 * Warnings the program raises while it plans: each goes to Pulumi's log (`pulumi preview` shows it) and to an
 * in-process list that the offline plan (`stratum plan`) reads into its report, so neither path loses one.
 */
const pending: string[] = [];

export function warn(message: string): void {
  pending.push(message);
  void pulumi.log.warn(message);
}

/** The warnings raised since the last call, oldest first; the list is emptied. */
export function takeWarnings(): string[] {
  return pending.splice(0);
}
