// The overview (#/): queue tiles, the jobs table with a state filter and paging, the next hour, dead letters.
import { getJson, send, segment } from "./api.js";
import { h, syncRows } from "./dom.js";
import { absolute, lagOf, duration, relative, statusClass } from "./format.js";
import { LiveStream } from "./live.js";
import { showError, showInfo } from "./notices.js";
import { describeSchedule, scheduleFields } from "./schedule-words.js";
import { renderTimeline } from "./timeline.js";

const PAGE_SIZE = 50;
const TIMELINE_REFRESH_MS = 30_000;

const when = iso => h("time", { datetime: iso, "data-rel": "" }, relative(iso));

export function missedBadge(missed) {
  if (!missed) return null;
  const text = `missed ${missed.count}`;
  const title = `${missed.count} occurrence(s) missed (${missed.reason}), the last at ${absolute(missed.last)}`;
  return h("span", { class: "badge warn", title, "aria-label": title }, text);
}

function jobRow(job) {
  const last = job.lastRun;
  const lag = lagOf(last);
  return h("tr", {},
    h("td", {}, h("a", { class: "job-link", href: `#/jobs/${segment(job.id)}` }, job.id), h("span", { class: "sub" }, `${job.handler} · ${job.queue}`)),
    h("td", {}, describeSchedule(job) ?? h("span", { class: "mono" }, scheduleFields(job)),
      describeSchedule(job) ? h("span", { class: "sub mono" }, scheduleFields(job)) : null),
    h("td", {}, job.tz),
    h("td", {}, job.nextDue ? [when(job.nextDue), h("span", { class: "sub" }, absolute(job.nextDue))] : h("span", { class: "sub" }, job.paused ? "paused" : "none left")),
    h("td", {}, last
      ? [h("span", { class: `badge ${statusClass(last.status)}` }, last.status), lag !== null ? ` lag ${duration(lag)}` : "",
        h("span", { class: "sub" }, last.startedAt ? when(last.startedAt) : absolute(last.occurrence))]
      : h("span", { class: "sub" }, "no run yet")),
    h("td", { class: "num" }, `${job.counts.succeeded}`, h("span", { class: "sub" }, `${job.counts.failed} failed · ${job.counts.deadLettered} dead`)),
    h("td", {}, h("div", { class: "badges" },
      job.paused ? h("span", { class: "badge warn" }, "Paused") : h("span", { class: "badge ok" }, "Active"),
      missedBadge(job.missed))));
}

function tiles(queues) {
  const tile = (value, label, kind) => h("div", { class: `tile ${value > 0 ? kind ?? "" : ""}` },
    h("div", { class: "value" }, String(value)), h("div", { class: "label", title: label }, label));
  const queued = Object.entries(queues.queued);
  const processing = Object.entries(queues.processing);
  return [
    ...(queued.length ? queued.map(([name, n]) => tile(n, `queued · ${name}`)) : [tile(0, "queued")]),
    ...(processing.length ? processing.map(([silo, n]) => tile(n, `processing · ${silo}`)) : [tile(0, "processing")]),
    tile(queues.retrying, "retrying", "warn"),
    tile(queues.deadLettered, "dead-lettered", "bad"),
  ];
}

export class Overview {
  constructor(main, params) {
    this.state = params.get("state") || "";
    this.after = params.get("after") || "";
    this.previous = history.state?.previous ?? [];
    this.timelineKey = null;
    main.replaceChildren(this.render());
    const query = new URLSearchParams({ limit: PAGE_SIZE });
    if (this.state) query.set("state", this.state);
    if (this.after) query.set("after", this.after);
    this.query = query;
    this.stream = new LiveStream(`api/events?${query}`, "overview", snapshot => this.update(snapshot));
    this.timer = setInterval(() => this.refreshTimeline(true), TIMELINE_REFRESH_MS);
  }

  render() {
    this.tiles = h("div", { class: "tiles" });
    this.jobsBody = h("tbody");
    this.jobsEmpty = h("p", { class: "empty", hidden: true }, "No jobs here.");
    this.count = h("span", { class: "note" });
    this.prevButton = h("button", { type: "button", class: "small", "data-action": "previous-page", onclick: () => this.go(this.previous.at(-1) ?? "", this.previous.slice(0, -1)) }, "‹ Previous");
    this.nextButton = h("button", { type: "button", class: "small", "data-action": "next-page", onclick: () => this.go(this.next, [...this.previous, this.after]) }, "Next ›");
    this.prevButton.disabled = !this.after;
    this.nextButton.disabled = true;
    const filter = h("select", { id: "state-filter", onchange: event => { this.state = event.target.value; this.go("", []); } },
      ["", "active", "paused"].map(value => h("option", { value, selected: value === this.state }, value ? value[0].toUpperCase() + value.slice(1) : "All")));
    this.timeline = h("div", { class: "timeline", id: "timeline" }, h("p", { class: "empty" }, "Loading…"));
    this.timelineNote = h("p", { class: "note" });
    this.deadBody = h("tbody");
    this.deadEmpty = h("p", { class: "empty" }, "No dead letters.");

    return h("div", {},
      h("section", { class: "panel", "aria-labelledby": "queues-title" },
        h("div", { class: "panel-head" }, h("h2", { id: "queues-title" }, "Queues")),
        this.tiles),
      h("section", { class: "panel", "aria-labelledby": "jobs-title" },
        h("div", { class: "panel-head" },
          h("h1", { id: "jobs-title" }, "Jobs"),
          h("div", { class: "tools" },
            this.count,
            h("label", { for: "state-filter" }, "State"), filter,
            h("div", { class: "pager", role: "group", "aria-label": "Pages" }, this.prevButton, this.nextButton))),
        h("div", { class: "table-wrap" },
          h("table", { id: "jobs-table" },
            h("caption", { class: "visually-hidden" }, "Jobs, in id order"),
            h("thead", {}, h("tr", {}, ["Job", "Schedule", "Time zone", "Next due", "Last run", "Succeeded", "State"].map(t => h("th", { scope: "col" }, t)))),
            this.jobsBody)),
        this.jobsEmpty),
      h("section", { class: "panel", "aria-labelledby": "timeline-title" },
        h("div", { class: "panel-head" }, h("h2", { id: "timeline-title" }, "Next hour")),
        this.timeline, this.timelineNote),
      h("section", { class: "panel", "aria-labelledby": "dead-title" },
        h("div", { class: "panel-head" }, h("h2", { id: "dead-title" }, "Dead letters")),
        this.deadTable = h("div", { class: "table-wrap", hidden: true },
          h("table", { id: "dead-letters-table" },
            h("thead", {}, h("tr", {}, ["Run", "Job", "Occurrence", "Attempts", "Error", "Dead-lettered", h("span", { class: "visually-hidden" }, "Actions")].map(t => h("th", { scope: "col" }, t)))),
            this.deadBody)),
        this.deadEmpty));
  }

  go(after, previous) {
    const query = new URLSearchParams();
    if (this.state) query.set("state", this.state);
    if (after) query.set("after", after);
    const text = query.toString();
    history.pushState({ previous }, "", text ? `#/?${text}` : "#/");
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  }

  update(snapshot) {
    this.tiles.replaceChildren(...tiles(snapshot.queues));
    syncRows(this.jobsBody, snapshot.jobs, job => job.id, jobRow);
    this.jobsEmpty.hidden = snapshot.jobs.length > 0;
    this.next = snapshot.next;
    this.nextButton.disabled = !snapshot.next;
    this.count.textContent = `${snapshot.jobs.length} on this page`;
    syncRows(this.deadBody, snapshot.deadLetters, d => d.runId, d => this.deadRow(d));
    this.deadEmpty.hidden = snapshot.deadLetters.length > 0;
    this.deadTable.hidden = snapshot.deadLetters.length === 0;
    // The timeline depends on the jobs' definitions and states, not on their runs: fetch it when those change.
    const key = JSON.stringify(snapshot.jobs.map(j => [j.id, j.updatedAt, j.paused, Boolean(j.nextDue)]));
    if (key !== this.timelineKey) {
      this.timelineKey = key;
      this.refreshTimeline(false);
    }
  }

  deadRow(dead) {
    const button = h("button", { type: "button", class: "small", "data-action": "requeue", "data-run-id": dead.runId, "aria-label": `Requeue ${dead.runId}` }, "Requeue");
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await send("POST", `api/dead-letters/${segment(dead.runId)}/requeue`);
        showInfo(`Requeued ${dead.runId}`);
      } catch (error) {
        showError(error, `Requeue ${dead.runId}`);
        button.disabled = false;
      }
    });
    return h("tr", {},
      h("td", { class: "mono" }, dead.runId),
      h("td", {}, h("a", { href: `#/jobs/${segment(dead.jobId)}` }, dead.jobId), h("span", { class: "sub" }, `${dead.handler} · ${dead.queue}`)),
      h("td", {}, absolute(dead.occurrence)),
      h("td", { class: "num" }, String(dead.attempts)),
      h("td", { class: "error" }, dead.error ?? ""),
      h("td", {}, when(dead.deadLetteredAt)),
      h("td", {}, button));
  }

  async refreshTimeline(onlyIfIdle) {
    if (onlyIfIdle && this.loadingTimeline) return;
    this.loadingTimeline = true;
    try {
      const query = new URLSearchParams({ minutes: 60, limit: PAGE_SIZE });
      if (this.after) query.set("after", this.after);
      const timeline = await getJson(`api/timeline?${query}`);
      if (timeline.jobs.length === 0) {
        this.timeline.replaceChildren(h("p", { class: "empty" }, "No active job fires in the next hour."));
      } else {
        renderTimeline(this.timeline, timeline);
      }
      const thinned = timeline.jobs.filter(j => j.thinned).length;
      this.timelineNote.hidden = timeline.jobs.length === 0;
      const slot = Math.round(3600 / timeline.ticks);
      this.timelineNote.textContent = thinned > 0
        ? `At most ${timeline.ticks} ticks per job, one per ${slot} s: ${thinned} job(s) marked ⋯ fire more often than drawn.`
        : "Every occurrence in the next hour is drawn.";
    } catch (error) {
      this.timeline.replaceChildren(h("p", { class: "empty" }, `The timeline could not be loaded: ${error.message}`));
    } finally {
      this.loadingTimeline = false;
    }
  }

  dispose() {
    this.stream.close();
    clearInterval(this.timer);
  }
}
