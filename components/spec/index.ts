export { specFromConfig, SpecError, formatKey, configNamespace } from "./load.ts";
export type * from "./platform-spec.ts";
export { profiles, environments, sizes, severities, type Environment, type Profile, type Severity, type Size } from "./profiles.ts";
export { clouds, frameworks, classifications, type Cloud, type Framework, type Classification, type AccessLevel } from "./schema.ts";
export { accountOf, type AccountSpec } from "./account.ts";
