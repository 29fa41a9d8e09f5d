import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".toolchain/**"],
    // Pulumi's mock runtime is process-global state: every test file gets its own process.
    pool: "forks",
    // Vitest's default is one fork fewer than the cores: one fork on a 2-core machine. Many files wait on child
    // processes (PostgreSQL, the example apps, git, the CLI), so one fork more than the cores keeps them busy: on
    // the 2-core machine the suite took 5.5 minutes with one fork, 3.0 with two and 2.7 with three.
    maxWorkers: availableParallelism() + 1,
    // Each test process keeps Node's compiled code of the SDKs and sources it loads (lib/compile-cache.ts).
    setupFiles: ["./lib/compile-cache.ts"],
    // The example stacks' plans, planned once per run and shared by the test files that read them (test/support/example-plans.ts).
    globalSetup: ["./test/support/example-plans-setup.ts"],
    reporters: ["default", "./test/support/closing-line.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // @actions/workflow-parser imports its schema JSON without `with { type: "json" }`, which Node's ESM loader
    // rejects; inlined, Vite transforms the import.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
