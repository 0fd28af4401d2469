// A job's schedule in plain words ("every day at 02:30", "every 10 seconds"), for the schedules people usually
// write; anything else falls back to the server's own wording (e.g. cron "0 0 1,15 * *" UTC).
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const DAY_NAMES = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const UNITS = { ms: "millisecond", s: "second", m: "minute", h: "hour", d: "day" };
const number = /^\d+$/;
const step = /^\*\/(\d+)$/;

/** "1s" → "every second", "10s" → "every 10 seconds", "1h30m" → "every 1 h 30 min". */
export function describeInterval(every) {
  const parts = [...every.matchAll(/(\d+)(ms|s|m|h|d)/g)];
  if (parts.length === 1) {
    const [, count, unit] = parts[0];
    return count === "1" ? `every ${UNITS[unit]}` : `every ${count} ${UNITS[unit]}s`;
  }
  return `every ${every}`;
}

const pad = value => String(value).padStart(2, "0");
const dayNumber = text => (number.test(text) ? Number(text) : DAY_NAMES[text.toUpperCase()]);

function describeDays(dom, month, dow) {
  const any = field => field === "*" || field === "?";
  if (!any(month)) {
    return number.test(month) && Number(month) >= 1 && Number(month) <= 12 && number.test(dom) && any(dow)
      ? `every year on ${Number(dom)} ${MONTHS[Number(month) - 1]}` : null;
  }
  if (any(dom) && any(dow)) return "every day";
  if (any(dom)) {
    const range = dow.match(/^(\w+)-(\w+)$/);
    if (range && dayNumber(range[1]) === 1 && dayNumber(range[2]) === 5) return "on weekdays";
    const days = dow.split(",").map(dayNumber);
    if (days.some(d => d === undefined || d > 7)) return null;
    return `on ${days.map(d => DAYS[d] + "s").join(" and ")}`;
  }
  if (any(dow) && number.test(dom)) return `on day ${dom} of every month`;
  return null;
}

/** The cron expression in words, or null when it is not one of the common shapes. */
export function describeCron(expression) {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return null;
  const [second, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ["0", ...fields];
  const days = describeDays(dom, month, dow);
  if (days === null) return null;
  const daily = days === "every day" ? "" : ` ${days}`;
  if (hour === "*" && minute === "*") {
    if (second === "*") return `every second${daily}`;
    if (step.test(second)) return `every ${second.match(step)[1]} seconds${daily}`;
    if (number.test(second)) return second === "0" ? `every minute${daily}` : `every minute at second ${second}${daily}`;
    return null;
  }
  if (hour === "*" && number.test(second)) {
    const at = second === "0" ? "" : `:${pad(second)}`;
    if (step.test(minute) && second === "0") return `every ${minute.match(step)[1]} minutes${daily}`;
    if (number.test(minute)) return `every hour at :${pad(minute)}${at}${daily}`;
    return null;
  }
  if (number.test(second) && number.test(minute)) {
    const time = `${pad(minute)}${second === "0" ? "" : `:${pad(second)}`}`;
    if (number.test(hour)) return `${days} at ${pad(hour)}:${time}`;
    if (step.test(hour)) return `every ${hour.match(step)[1]} hours at :${time}${daily}`;
    const hours = hour.split(",");
    if (hours.every(x => number.test(x))) return `${days} at ${hours.map(x => `${pad(x)}:${time}`).join(", ")}`;
  }
  return null;
}

/** The schedule of a job (a JobView) in words, or null for a cron expression of an unusual shape. */
export function describeSchedule(job) {
  if (job.every) return describeInterval(job.every);
  if (job.at) return "once";
  if (job.cron) return describeCron(job.cron);
  return job.schedule;
}

/** The schedule's own fields: the cron expression, the interval with its anchor, or the instant. */
export function scheduleFields(job) {
  if (job.cron) return `cron ${job.cron}`;
  if (job.every) return `every ${job.every}`;
  if (job.at) return `at ${job.at}`;
  return job.schedule;
}
