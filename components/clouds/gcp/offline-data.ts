/** Computed outputs of the data, ML and web tiers' gcp resources, per type (merged by offline.ts). */
export const gcpDataOffline: Readonly<Record<string, (name: string, inputs: Readonly<Record<string, unknown>>, region: string) => Record<string, unknown>>> = {};
