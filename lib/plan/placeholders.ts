/**
 * The offline plan's placeholders for values the cloud would assign (ids, ARNs, endpoints): never results. Each
 * cloud computes its own from these (components/clouds/<cloud>/offline.ts): zeros for accounts, subscriptions and
 * projects, and hosts under `.offline.invalid`, a reserved name that can never resolve.
 */
export const placeholderDomain = "offline.invalid";
