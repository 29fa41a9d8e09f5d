/** Computed outputs of the data, ML and web tiers' azure resources, per type (merged by offline.ts). */
export const azureDataOffline: Readonly<Record<string, (name: string, inputs: Readonly<Record<string, unknown>>, region: string) => Record<string, unknown>>> = {};
