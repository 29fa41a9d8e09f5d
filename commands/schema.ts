import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFlags } from "../lib/cli/args.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import type { CommandIo } from "../lib/cli/command.ts";
import { writeFileAtomic } from "../lib/fs/write-atomic.ts";
import { stackFileJsonSchema } from "../components/spec/json-schema.ts";

export const schemaFile = "stratum.schema.json";

/** `stratum schema [--check]`: writes stratum.schema.json, or fails (exit 1) when the committed one is stale. */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values } = parseFlags("stratum schema", argv, { check: { type: "boolean" } });
  const path = join(io.cwd, schemaFile);
  const wanted = `${JSON.stringify(stackFileJsonSchema(), null, 2)}\n`;
  if (values.check) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // missing: reported below as out of date
    }
    if (current === wanted) return ExitCode.ok;
    io.stderr(`${schemaFile} is out of date with components/spec/schema.ts; run: npm run stratum -- schema\n`);
    return ExitCode.blocked;
  }
  await writeFileAtomic(path, wanted);
  io.stdout(`wrote ${schemaFile}\n`);
  return ExitCode.ok;
}
