// The next hour as an inline SVG: one row per active job, a tick at each occurrence (GET /api/timeline).
import { s } from "./dom.js";
import { clock } from "./format.js";

const LABEL_WIDTH = 190;
const ROW_HEIGHT = 22;
const AXIS_HEIGHT = 22;
const MORE_WIDTH = 22;

/** Renders the timeline into container, fitted to its width. */
export function renderTimeline(container, timeline) {
  const from = new Date(timeline.from).getTime();
  const to = new Date(timeline.to).getTime();
  const width = Math.max(600, container.clientWidth || 1000);
  const plot = width - LABEL_WIDTH - MORE_WIDTH;
  const x = instant => LABEL_WIDTH + ((instant - from) / (to - from)) * plot;
  const height = AXIS_HEIGHT + timeline.jobs.length * ROW_HEIGHT + 4;
  const minutes = Math.round((to - from) / 60_000);
  const stepMinutes = minutes <= 60 ? 10 : minutes <= 180 ? 30 : 120;

  const axis = s("g", { class: "axis" });
  for (let m = 0; m <= minutes; m += stepMinutes) {
    const at = from + m * 60_000;
    axis.append(
      s("line", { x1: x(at), x2: x(at), y1: AXIS_HEIGHT - 4, y2: height }),
      s("text", { x: x(at), y: 12, "text-anchor": m === 0 ? "start" : "middle" }, m === 0 ? `now ${clock(new Date(at))}` : clock(new Date(at))));
  }

  const rows = timeline.jobs.map((row, index) => {
    const y = AXIS_HEIGHT + index * ROW_HEIGHT;
    const ticks = row.occurrences.map(iso => {
      const at = new Date(iso);
      return s("rect", { class: "tick", x: x(at.getTime()) - 1, y: y + 4, width: 2, height: ROW_HEIGHT - 8 },
        s("title", {}, `${row.id}: ${at.toLocaleString()}`));
    });
    const label = row.id.length > 26 ? `${row.id.slice(0, 25)}…` : row.id;
    return s("g", { class: "row", "data-job": row.id },
      s("rect", { class: "lane", x: LABEL_WIDTH, y: y + 3, width: plot, height: ROW_HEIGHT - 6, rx: 3 }),
      s("a", { href: `#/jobs/${encodeURIComponent(row.id)}` },
        s("text", { class: "row-label link", x: LABEL_WIDTH - 8, y: y + 15, "text-anchor": "end" }, label, s("title", {}, `${row.id}: ${row.schedule}`))),
      ticks,
      row.thinned
        ? s("text", { class: "more", x: width - MORE_WIDTH + 6, y: y + 15 }, "⋯", s("title", {}, `${row.id} fires more often than drawn`))
        : null);
  });

  const svg = s("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-label": `Occurrences of ${timeline.jobs.length} active jobs from ${clock(new Date(from))} to ${clock(new Date(to))}`,
  }, axis, rows, s("line", { class: "now", x1: LABEL_WIDTH, x2: LABEL_WIDTH, y1: AXIS_HEIGHT - 4, y2: height }));
  container.replaceChildren(svg);
}
