import type { ParsedCron } from "../../spec/cron.ts";

/**
 * A parsed five-field schedule as AWS schedules take it: `cron(min hour dom month dow year)`, where one of the
 * two day fields must be `?` and days of the week count from 1 (Sunday). Built from the parsed values, not by
 * rewriting the text, so steps and names anywhere come out as plain lists and ranges AWS reads the same way.
 */
export function awsCron(cron: ParsedCron): string {
  const problem = awsScheduleProblem(cron);
  if (problem) throw new Error(`${JSON.stringify(cron.expression)}: AWS schedules cannot express it: ${problem}`);
  const minute = list(cron.minutes, 0, 59);
  const hour = list(cron.hours, 0, 23);
  const month = list(cron.months, 1, 12);
  if (cron.everyDayOfWeek) return `cron(${minute} ${hour} ${cron.everyDayOfMonth ? "*" : list(cron.daysOfMonth, 1, 31)} ${month} ? *)`;
  return `cron(${minute} ${hour} ? ${month} ${list(cron.daysOfWeek.map((d) => d + 1), 1, 7)} *)`;
}

/** Why AWS schedules cannot express a valid Unix schedule, or undefined when they can. */
export function awsScheduleProblem(cron: ParsedCron): string | undefined {
  if (!cron.everyDayOfMonth && !cron.everyDayOfWeek) {
    return "they cannot restrict both the day of the month and the day of the week (Unix cron then runs on either day); expected * in one of the two day fields";
  }
  return undefined;
}

/** `[1,2,3,5]` → `1-3,5`; the whole range → `*`. */
function list(values: readonly number[], min: number, max: number): string {
  if (values.length === max - min + 1) return "*";
  const runs: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    runs.push(j === i ? String(values[i]) : `${values[i]}-${values[j]}`);
    i = j + 1;
  }
  return runs.join(",");
}
