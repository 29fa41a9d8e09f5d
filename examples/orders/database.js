// The database connection the platform grants this workload, read from the environment (docs/wiring.md):
// DATABASE_HOST, DATABASE_PORT, DATABASE_NAME, DATABASE_USER, DATABASE_SSLMODE, DATABASE_AUTH and, in review
// environments, DATABASE_SCHEMA. Shared by the server and the migration command, so both connect the same way.
import { Signer } from "@aws-sdk/rds-signer";
import { entraTokenSource } from "../cloud/azure-entra.js";
import { ConfigError, required } from "../cloud/config-error.js";
import { metadataTokenSource } from "../cloud/gcp-metadata.js";

export { ConfigError };

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * `{ client, schema }`: pg client settings from `env`, and the schema the workload's tables live in. DATABASE_AUTH
 * is what the platform sets for the stack's cloud, each a short-lived token got with the pod's workload identity
 * and asked for by pg at every new connection:
 * - `aws-iam`: an RDS IAM auth token (lives 15 minutes), signed in AWS_REGION;
 * - `gcp-iam`: the service account's OAuth access token from the GKE metadata server (Cloud SQL IAM database
 *   authentication), reused until shortly before it expires;
 * - `azure-entra`: an Entra token for Azure Database for PostgreSQL, got by exchanging the pod's federated token;
 * or `password` (DATABASE_PASSWORD; local runs and tests only, the platform never sets a password).
 */
export function connectionSettings(env = process.env) {
  const host = required(env, "DATABASE_HOST", "the database's host name");
  const portText = required(env, "DATABASE_PORT", "a port number");
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`DATABASE_PORT is ${JSON.stringify(portText)}; expected a port number 1-65535`);
  const database = required(env, "DATABASE_NAME", "the database name");
  const user = required(env, "DATABASE_USER", "the workload's database user");
  const schema = env.DATABASE_SCHEMA || "public";
  if (!IDENTIFIER.test(schema)) throw new ConfigError(`DATABASE_SCHEMA is ${JSON.stringify(schema)}; expected a lower-case identifier such as pr_42`);
  const client = {
    host,
    port,
    database,
    user,
    password: password(env, { host, port, user }),
    ssl: ssl(env.DATABASE_SSLMODE ?? "require"),
    // Every connection starts in the workload's schema: `public`, or `pr_<n>` in a review environment.
    options: `-c search_path=${schema}`,
  };
  return { client, schema };
}

function ssl(mode) {
  switch (mode) {
    // libpq's `require`: encrypted, the server's certificate not checked against a CA (the RDS CA is not in Node's
    // store); `verify-full` checks it (add the CA with NODE_EXTRA_CA_CERTS). `disable` is for a local server only.
    case "require":
      return { rejectUnauthorized: false };
    case "verify-full":
      return { rejectUnauthorized: true };
    case "disable":
      return false;
    default:
      throw new ConfigError(`DATABASE_SSLMODE is ${JSON.stringify(mode)}; expected require, verify-full or disable`);
  }
}

const AUTH_KINDS = "aws-iam, gcp-iam, azure-entra or password";
// Azure Database for PostgreSQL's resource: what the token is for.
const POSTGRES_SCOPE = "https://ossrdbms-aad.database.windows.net/.default";

function password(env, { host, port, user }) {
  const auth = required(env, "DATABASE_AUTH", AUTH_KINDS);
  switch (auth) {
    case "aws-iam": {
      const region = required(env, "AWS_REGION", "the AWS region the RDS signer signs for");
      const signer = new Signer({ hostname: host, port, username: user, region });
      // pg calls this for every new connection.
      return () => signer.getAuthToken();
    }
    case "gcp-iam":
      return metadataTokenSource(env);
    case "azure-entra":
      return entraTokenSource(env, POSTGRES_SCOPE);
    case "password":
      return required(env, "DATABASE_PASSWORD", "the password (DATABASE_AUTH=password is for local runs and tests)");
    default:
      throw new ConfigError(`DATABASE_AUTH is ${JSON.stringify(auth)}; expected ${AUTH_KINDS}`);
  }
}
