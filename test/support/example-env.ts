/**
 * The environment variables each example app reads, by its folder under examples/: the names the platform must set
 * for it (the wiring contract, docs/wiring.md), and the ones only local runs and tests set. Checked against the
 * apps' source by test/examples/env-contract.test.ts, so a consistency check between the plan and the apps can
 * rely on it.
 */
export const EXAMPLE_ENV = {
  orders: {
    platform: ["PORT", "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_AUTH", "DATABASE_SSLMODE", "DATABASE_SCHEMA", "AWS_REGION"],
    localOnly: ["DATABASE_PASSWORD"],
  },
  api: { platform: ["PORT", "SERVICE_ORDERS_URL", "LAKE_CURATED_URL", "AWS_REGION"], localOnly: [] },
  etl: { platform: ["PIPELINE_SOURCE_URL", "PIPELINE_TARGET_URL", "AWS_REGION"], localOnly: [] },
  "model-server": { platform: ["PORT", "MODEL_ARTIFACTS_URL"], localOnly: [] },
  frontend: { platform: [], localOnly: [] },
} as const satisfies Record<string, { platform: readonly string[]; localOnly: readonly string[] }>;
