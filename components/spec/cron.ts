import { CronPattern } from "croner";

/**
 * Pipeline schedules: five-field Unix cron (minute hour day-of-month month day-of-week, UTC), parsed with croner.
 * Only what every Unix cron and Kubernetes CronJobs understand is accepted: numbers, `*`, `,`, `-`, `/` and the
 * English month and day names. croner's own extensions (`L`, `W`, `#`, `?`, a seconds or year field) are refused,
 * because a schedule that only croner understands would be read differently by whatever runs it.
 */
export interface ParsedCron {
  readonly expression: string;
  /** The values each field matches, sorted: minutes 0-59, hours 0-23, days 1-31, months 1-12, weekdays 0-6 (0 = Sunday). */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[];
  /** True when the field was `*`: the schedule then matches on the other day field only (both restricted: either matches). */
  readonly everyDayOfMonth: boolean;
  readonly everyDayOfWeek: boolean;
}

const fields = [
  { name: "minute", allowed: "0-59" },
  { name: "hour", allowed: "0-23" },
  { name: "day-of-month", allowed: "1-31" },
  { name: "month", allowed: "1-12 or JAN-DEC" },
  { name: "day-of-week", allowed: "0-7 or SUN-SAT (0 and 7 are Sunday)" },
] as const;

export const cronExpected = `five fields, minute (0-59) hour (0-23) day-of-month (1-31) month (1-12 or JAN-DEC) day-of-week (0-7 or SUN-SAT), using numbers, names, *, ',', '-' and '/', e.g. "0 2 * * *"`;

/** The most days each month has, January first: February's 29th comes every leap year. */
const longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const fieldSyntax = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/[0-9]+)?)*$/;
const names = /^(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|SUN|MON|TUE|WED|THU|FRI|SAT)$/i;

/** The parsed schedule, or one sentence saying what is wrong (the caller names the key). */
export function parseCron(expression: string): ParsedCron | string {
  const given = JSON.stringify(expression.length > 80 ? `${expression.slice(0, 80)}…` : expression);
  if (expression.length > 200) return `got ${given} (${expression.length} characters), expected ${cronExpected}`;
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return `got ${given} (${parts.length} field${parts.length === 1 ? "" : "s"}), expected ${cronExpected}`;
  for (const [i, part] of parts.entries()) {
    const words = part.match(/[A-Za-z]+/g) ?? [];
    const field = fields[i]!;
    if (!fieldSyntax.test(part) || words.some((w) => !names.test(w))) {
      return `got ${given}: the ${field.name} field "${part}" is not Unix cron syntax; expected ${cronExpected}`;
    }
    // Parsing each field alone tells which one croner refuses, so the message can name it and its range.
    const alone = parts.map((p, j) => (j === i ? p : "*")).join(" ");
    try {
      new CronPattern(alone, undefined, { mode: "5-part" });
    } catch {
      return `got ${given}: the ${field.name} field "${part}" is out of range or reversed; expected ${field.allowed}`;
    }
  }
  let pattern: CronPattern;
  try {
    pattern = new CronPattern(expression, undefined, { mode: "5-part" });
  } catch (error) {
    return `got ${given}, expected ${cronExpected} (${error instanceof Error ? error.message : String(error)})`;
  }
  const on = (flags: readonly number[], offset = 0) => flags.flatMap((flag, i) => (flag ? [i + offset] : []));
  const [daysOfMonth, months] = [on(pattern.day, 1), on(pattern.month, 1)];
  // "0 0 30 2 *" parses but never runs: February has no 30th. A day runs when its day of month or its day of week
  // matches (when both fields are restricted; every month has every weekday), so only a schedule restricted by day
  // of month alone can miss every day. Counted from the calendar rather than by asking croner for the next run,
  // whose UTC time zone costs a plan ~15 ms of Intl set-up on every stack with a pipeline.
  if (!pattern.starDOM && pattern.starDOW && !months.some((month) => daysOfMonth.some((day) => day <= longestMonth[month - 1]!))) {
    return `got ${given}, which never runs (no month has that day); expected a schedule that runs at least once a year`;
  }
  return {
    expression,
    minutes: on(pattern.minute),
    hours: on(pattern.hour),
    daysOfMonth,
    months,
    daysOfWeek: [...new Set(on(pattern.dayOfWeek).map((d) => d % 7))].sort((a, b) => a - b),
    everyDayOfMonth: pattern.starDOM,
    everyDayOfWeek: pattern.starDOW,
  };
}

/** For schedules the spec has already validated: the parsed form, or a thrown error if validation was skipped. */
export function validCron(expression: string): ParsedCron {
  const parsed = parseCron(expression);
  if (typeof parsed === "string") throw new Error(`schedule ${parsed}`);
  return parsed;
}
