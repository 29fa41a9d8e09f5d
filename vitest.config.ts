import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".toolchain/**"],
    // Pulumi's mock runtime is process-global state: every test file gets its own process.
    pool: "forks",
    reporters: ["default", "./test/support/closing-line.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // @actions/workflow-parser imports its schema JSON without `with { type: "json" }`, which Node's ESM loader
    // rejects; inlined, Vite transforms the import.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
