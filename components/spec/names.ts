/**
 * The spec's closed lists of names that the policy pack needs too, apart from the zod schema: the pack loads
 * without zod, and reads the same lists the schema validates against.
 */
export { environments, type Environment } from "./profiles.ts";

export const clouds = ["aws", "gcp", "azure"] as const;
export type Cloud = (typeof clouds)[number];

export const frameworks = ["soc2", "hipaa", "gdpr", "iso27001"] as const;
export type Framework = (typeof frameworks)[number];
