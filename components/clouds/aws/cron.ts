/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, UTC) as AWS schedules take it:
 * `cron(min hour dom month dow year)`, where one of the two day fields must be `?` and days of the week count
 * from 1 (Sunday) instead of 0.
 */
export function awsCron(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`"${expression}": expected five cron fields`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
  if (dayOfWeek === "*" || dayOfWeek === "?") return `cron(${minute} ${hour} ${dayOfMonth} ${month} ? *)`;
  if (dayOfMonth !== "*" && dayOfMonth !== "?") {
    throw new Error(`"${expression}": AWS schedules cannot restrict both the day of the month and the day of the week`);
  }
  if (dayOfWeek.includes("/")) throw new Error(`"${expression}": a step in the day-of-week field has no AWS equivalent`);
  const awsDays = dayOfWeek.replace(/\d+/g, (day) => String((Number(day) % 7) + 1));
  return `cron(${minute} ${hour} ? ${month} ${awsDays} *)`;
}
