import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".toolchain/**"],
    // Pulumi's mock runtime is process-global state: every test file gets its own process.
    pool: "forks",
    // Vitest's default is one fork fewer than the cores: one fork on a 2-core machine. Most files wait on child
    // processes (PostgreSQL, the example apps, git, the CLI), so a fork per core finishes the suite far sooner.
    maxWorkers: Math.max(2, availableParallelism()),
    // Each test process keeps Node's compiled code of the SDKs and sources it loads (lib/compile-cache.ts).
    setupFiles: ["./lib/compile-cache.ts"],
    reporters: ["default", "./test/support/closing-line.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // @actions/workflow-parser imports its schema JSON without `with { type: "json" }`, which Node's ESM loader
    // rejects; inlined, Vite transforms the import.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
