/**
 * The database user a workload connects as: named after the workload, so each workload's grants inside the
 * database are its own. The workload's `DATABASE_USER` and its cloud identity's database grant (on AWS,
 * `rds-db:connect` on `dbuser:<DbiResourceId>/<user>`) both come from here, so they cannot disagree.
 */
export function databaseUser(workload: string): string {
  return workload;
}
