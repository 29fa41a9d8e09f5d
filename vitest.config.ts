import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".toolchain/**"],
    // Test files run in forks, each fork one file at a time, and a fork runs file after file without a fresh
    // process for each (isolate: false): the SDKs a file loads stay loaded for the next, which is most of what a
    // test file cost (~0.7 s of CPU to start one that loads @pulumi/pulumi, against ~0.3 s). Sound because what is
    // process-global is set up anew by whatever uses it: Pulumi's mock runtime by each recording (setMocks, its
    // config, a new Stack), and the SDK patches of the plan's shortcuts are undone when a recording ends, also on
    // an error (test/plan/record.test.ts checks each). A test that changes process.env or a prototype puts it back
    // in a finally. The suite took 86 to 105 s this way against 126 to 131 s with a process per file, and passed in
    // the default file order and in four shuffled ones (--sequence.shuffle.files, seeds 1 to 4).
    pool: "forks",
    isolate: false,
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
