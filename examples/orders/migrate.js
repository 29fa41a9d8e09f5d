#!/usr/bin/env node
// The migration command the platform's migration Job runs (`node migrate.js`, stacks/*.yaml `migrations.command`):
// applies the image's migrations to the granted database, then exits 0. Exit 2 on a configuration or migration-file
// problem (nothing applied), 1 when the database refuses.
import pg from "pg";
import { ConfigError, connectionSettings } from "./database.js";
import { applyMigrations, loadMigrations, MigrationError } from "./migrations.js";

async function main() {
  const { client: settings, schema } = connectionSettings();
  const migrations = loadMigrations();
  const client = new pg.Client(settings);
  await client.connect();
  try {
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
