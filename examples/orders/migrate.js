#!/usr/bin/env node
// The migration command the platform's migration Job runs (`node migrate.js`, stacks/*.yaml `migrations.command`):
// applies the image's migrations to the granted database, then exits 0. Exit 2 on a configuration or migration-file
// problem (nothing applied), 1 when the database refuses.
//
// `node migrate.js --drop-schema`: a review environment's teardown (components/review/names.ts). Drops the schema
// DATABASE_SCHEMA names, with everything in it, and exits; it refuses `public` and an absent DATABASE_SCHEMA, so a
// stack's own tables can never be dropped by it.
import pg from "pg";
import { ConfigError, connectionSettings } from "./database.js";
import { applyMigrations, loadMigrations, MigrationError } from "./migrations.js";

const dropSchemaFlag = "--drop-schema";

function parseArgs(argv) {
  const unknown = argv.filter((a) => a !== dropSchemaFlag);
  if (unknown.length > 0) throw new ConfigError(`unknown argument ${JSON.stringify(unknown[0])}; expected no argument or ${dropSchemaFlag}`);
  return { dropSchema: argv.includes(dropSchemaFlag) };
}

/** The schema to drop: a review environment's own, never the stack's `public`. */
function schemaToDrop(env) {
  const named = env.DATABASE_SCHEMA ?? "";
  if (named === "" || named === "public") {
    throw new ConfigError(`${dropSchemaFlag} drops a review environment's schema: DATABASE_SCHEMA is ${named === "" ? "not set" : '"public"'}; expected the review environment's schema such as pr_42 (public is never dropped)`);
  }
  return named;
}

async function main() {
  const { dropSchema } = parseArgs(process.argv.slice(2));
  if (dropSchema) schemaToDrop(process.env);
  const { client: settings, schema } = connectionSettings();
  const migrations = dropSchema ? [] : loadMigrations();
  const client = new pg.Client(settings);
  await client.connect();
  try {
    if (dropSchema) {
      // connectionSettings checked the name is a plain lower-case identifier; quoted all the same.
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      console.log(`migrate: dropped schema ${schema}`);
      return;
    }
    const applied = await applyMigrations(client, schema, migrations, (line) => console.log(line));
    console.log(`migrate: ${applied.length} applied, ${migrations.length - applied.length} already applied (schema ${schema})`);
  } finally {
    await client.end();
  }
}

main().catch((error) => {
  console.error(`migrate: ${error.message}`);
  process.exit(error instanceof ConfigError || error instanceof MigrationError ? 2 : 1);
});
