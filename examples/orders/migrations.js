// The schema migrations this image ships (migrations/NNN_name.sql) and how they are applied: in order, each in its
// own transaction together with its row in schema_migrations, so a migration is either wholly applied and recorded
// or not at all. A second run applies nothing. A recorded migration whose file changed, or that the image no longer
// ships, is an error: the database would no longer be the one the files describe.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** A migrations folder or a recorded migration that does not match the files: exit 2, nothing applied. */
export class MigrationError extends Error {}

/** The migrations in `dir`, in version order, each with the sha256 of its text. */
export function loadMigrations(dir = MIGRATIONS_DIR) {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = FILE.exec(file);
      if (!match) throw new MigrationError(`${path.join(dir, file)}: a migration is named NNN_name.sql (three digits, lower-case name)`);
      const sql = readFileSync(path.join(dir, file), "utf8");
      return { version: Number(match[1]), name: match[2], file, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1].version === m.version) throw new MigrationError(`${dir}: ${migrations[i - 1].file} and ${m.file} share version ${m.version}`);
  });
  return migrations;
}

/**
 * Applies the migrations `client` has not recorded, in `schema` (created if absent; the connection's search_path
 * already points at it). An advisory lock keeps two migration Jobs from racing. Returns the files applied.
 */
export async function applyMigrations(client, schema, migrations, log = () => {}) {
  const lockKey = `stratum-migrations:${schema}`;
  await client.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
  try {
    if (schema !== "public") await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query(`SELECT version, name, checksum FROM ${schema}.schema_migrations ORDER BY version`);
    const shipped = new Map(migrations.map((m) => [m.version, m]));
    for (const row of rows) {
      const file = shipped.get(row.version);
      if (!file) throw new MigrationError(`schema_migrations records ${pad(row.version)}_${row.name}, which this image does not ship`);
      if (file.checksum !== row.checksum) {
        throw new MigrationError(`migrations/${file.file} changed after it was applied (recorded sha256 ${row.checksum}, file ${file.checksum}); add a new migration instead`);
      }
    }
    const recorded = new Set(rows.map((r) => r.version));
    const applied = [];
    for (const m of migrations.filter((m) => !recorded.has(m.version))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO ${schema}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`, [m.version, m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migrations/${m.file}: ${error.message}`, { cause: error });
      }
      log(`migrate: applied ${m.file}`);
      applied.push(m.file);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]);
  }
}

function pad(version) {
  return String(version).padStart(3, "0");
}
