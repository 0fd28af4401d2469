// Times, durations and lags as the view shows them. Instants come from the API as UTC ISO 8601 strings.
const absoluteFormat = new Intl.DateTimeFormat(undefined, {
  year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

export const parse = iso => (iso ? new Date(iso) : null);

/** E.g. "27 Nov 2026, 14:03:05" in the browser's time zone. */
export const absolute = iso => (iso ? absoluteFormat.format(new Date(iso)) : "—");

/** E.g. "14:03" in the browser's time zone. */
export const clock = date => timeFormat.format(date);

/** E.g. "in 3 s", "2 min ago", "in 5 h", relative to now. */
export function relative(iso, now = Date.now()) {
  if (!iso) return "—";
  const ms = new Date(iso).getTime() - now;
  const text = span(Math.abs(ms));
  if (Math.abs(ms) < 1000) return "now";
  return ms > 0 ? `in ${text}` : `${text} ago`;
}

/** A span as the largest sensible unit: "850 ms", "12 s", "4 min", "3 h", "2 d". */
export function span(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}

/** A precise duration: "7 ms", "1.24 s", "2 min 5 s". */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return "—";
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** How late a run started after its nominal time (startedAt − occurrence), in ms; null when it never started. */
export const lagOf = run => (run?.startedAt ? new Date(run.startedAt) - new Date(run.occurrence) : null);

/** How long a run took, in ms; null when unknown. */
export const durationOf = run => (run?.startedAt && run?.finishedAt ? new Date(run.finishedAt) - new Date(run.startedAt) : null);

/** The badge class of a run status. */
export const statusClass = status =>
  ({ Succeeded: "ok", Failed: "warn", DeadLettered: "bad", Skipped: "" })[status] ?? "";
