import type { Postgres } from "./postgres.ts";

/** The local stand-in for the orders database grant: a database and login role on the test server. */
export const ORDERS_LOGIN = { user: "orders", password: "orders-local-password" };

/**
 * Creates the `orders` database owned by the `orders` role and returns the DATABASE_* env the platform's grant
 * gives the orders workload, with the two local differences: a password instead of an IAM token, and no TLS.
 */
export async function ordersDatabaseEnv(postgres: Postgres): Promise<Record<string, string>> {
  await postgres.createDatabase("orders", ORDERS_LOGIN);
  return {
    DATABASE_HOST: postgres.host,
    DATABASE_PORT: String(postgres.port),
    DATABASE_NAME: "orders",
    DATABASE_USER: ORDERS_LOGIN.user,
    DATABASE_AUTH: "password",
    DATABASE_PASSWORD: ORDERS_LOGIN.password,
    DATABASE_SSLMODE: "disable",
  };
}
