#!/usr/bin/env node
// The `stratum` command line. Each command's module is imported only when it runs.
import "../lib/compile-cache.ts";
// Before any module that imports the Pulumi SDK: what the SDK loads and no command calls is loaded on first use.
import "../lib/plan/deferred-sdk-modules.ts";
import { runCli } from "../commands/main.ts";
import { processIo } from "../lib/cli/command.ts";
import { commands } from "../commands/index.ts";

process.exitCode = await runCli(commands, process.argv.slice(2), processIo());
