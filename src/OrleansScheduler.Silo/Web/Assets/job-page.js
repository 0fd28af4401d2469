// One job (#/jobs/{id}): its definition and state, buttons, next occurrences and run history, live.
import { send, segment, confirmAction } from "./api.js";
import { h, syncRows } from "./dom.js";
import { absolute, duration, durationOf, lagOf, relative, statusClass } from "./format.js";
import { LiveStream } from "./live.js";
import { showError, showInfo } from "./notices.js";
import { missedBadge } from "./overview.js";
import { describeSchedule, scheduleFields } from "./schedule-words.js";

const HISTORY = 50;
const NEXT = 10;

const when = iso => h("time", { datetime: iso, "data-rel": "" }, relative(iso));
const runKey = run => `${run.runId}#${run.attempt}#${run.status}#${run.startedAt ?? ""}`;

function runRow(run) {
  const lag = lagOf(run);
  return h("tr", {},
    h("td", {}, h("span", { class: `badge ${statusClass(run.status)}` }, run.status)),
    h("td", { class: "num" }, String(run.attempt)),
    h("td", { class: "mono" }, run.silo ?? "—"),
    h("td", {}, absolute(run.occurrence), h("span", { class: "sub mono" }, run.runId)),
    h("td", {}, run.startedAt ? [absolute(run.startedAt), h("span", { class: "sub" }, when(run.startedAt))] : "—"),
    h("td", { class: "num" }, lag === null ? "—" : duration(lag)),
    h("td", { class: "num" }, duration(durationOf(run))),
    h("td", { class: "error" }, run.error ?? ""));
}

function definition(job) {
  const rows = [
    ["Schedule", describeSchedule(job) ?? h("span", { class: "mono" }, job.schedule)],
    job.cron ? ["Cron", h("code", {}, job.cron)] : null,
    job.every ? ["Every", [h("code", {}, job.every), " from ", absolute(job.start)]] : null,
    job.at ? ["At", absolute(job.at)] : null,
    ["Time zone", job.tz],
    ["Handler", h("code", {}, job.handler)],
    ["Payload", job.payload === undefined ? "—" : h("pre", { class: "payload" }, JSON.stringify(job.payload, null, 2))],
    ["Queue", job.queue],
    ["Max attempts", String(job.maxAttempts)],
    ["Misfire", job.misfire],
    ["Overlap", job.overlap],
    job.timeout ? ["Timeout", job.timeout] : null,
    ["Created", absolute(job.createdAt)],
    ["Updated", absolute(job.updatedAt)],
  ].filter(Boolean);
  return h("dl", { class: "props" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

function state(job) {
  const missed = job.missed;
  const rows = [
    ["State", job.paused ? "Paused" : "Active"],
    ["Next due", job.nextDue ? [when(job.nextDue), " · ", absolute(job.nextDue)] : (job.paused ? "— (paused)" : "— (none left)")],
    ["Last enqueued", job.lastEnqueued ? absolute(job.lastEnqueued) : "—"],
    ["Runs", `${job.counts.succeeded} succeeded · ${job.counts.failed} failed · ${job.counts.skipped} skipped · ${job.counts.deadLettered} dead-lettered`],
    missed ? ["Missed", `${missed.count} (${missed.reason}), the last at ${absolute(missed.last)}`] : null,
  ].filter(Boolean);
  return h("dl", { class: "props" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)]));
}

export class JobPage {
  constructor(main, id) {
    this.id = id;
    main.replaceChildren(this.render());
    this.stream = new LiveStream(`api/jobs/${segment(id)}/events?history=${HISTORY}&count=${NEXT}`, "job", snapshot => this.update(snapshot));
  }

  render() {
    this.badges = h("div", { class: "badges" });
    this.toggle = h("button", { type: "button", "data-action": "pause", disabled: true, onclick: () => this.pauseOrResume() }, "Pause");
    this.trigger = h("button", { type: "button", "data-action": "trigger", disabled: true, "aria-label": `Trigger ${this.id} now`, onclick: () => this.triggerNow() }, "Trigger now");
    this.remove = h("button", { type: "button", class: "danger", "data-action": "delete", disabled: true, "aria-label": `Delete ${this.id}`, onclick: () => this.deleteJob() }, "Delete");
    this.definition = h("div", {}, h("p", { class: "empty" }, "Loading…"));
    this.state = h("div");
    this.next = h("ol", { class: "next", id: "next-occurrences" });
    this.nextNote = h("p", { class: "note" });
    this.historyBody = h("tbody");
    this.historyEmpty = h("p", { class: "empty" }, "No runs yet.");
    return h("div", { class: "job-page" },
      h("p", { class: "crumbs" }, h("a", { href: "#/" }, "← All jobs")),
      h("div", { class: "job-head" },
        h("div", { class: "title" }, h("h1", { id: "job-title" }, this.id), this.badges),
        h("div", { class: "actions", role: "group", "aria-label": "Job actions" }, this.toggle, this.trigger, this.remove)),
      h("div", { class: "columns" },
        h("section", { class: "panel", "aria-labelledby": "definition-title" },
          h("div", { class: "panel-head" }, h("h2", { id: "definition-title" }, "Definition")), this.definition),
        h("div", { class: "stack" },
          h("section", { class: "panel", "aria-labelledby": "state-title" },
            h("div", { class: "panel-head" }, h("h2", { id: "state-title" }, "State")), this.state),
          h("section", { class: "panel", "aria-labelledby": "next-title" },
            h("div", { class: "panel-head" }, h("h2", { id: "next-title" }, `Next ${NEXT} occurrences`)), this.next, this.nextNote))),
      h("section", { class: "panel", "aria-labelledby": "history-title" },
        h("div", { class: "panel-head" }, h("h2", { id: "history-title" }, "Run history"), h("span", { class: "note" }, `the latest ${HISTORY}, newest first`)),
        h("div", { class: "table-wrap" },
          h("table", { id: "history-table" },
            h("thead", {}, h("tr", {}, ["Status", "Attempt", "Silo", "Occurrence", "Started", "Lag", "Duration", "Error"].map(t => h("th", { scope: "col" }, t)))),
            this.historyBody)),
        this.historyEmpty));
  }

  update(snapshot) {
    const job = snapshot.job;
    this.job = job;
    if (!job) {
      this.badges.replaceChildren(h("span", { class: "badge bad" }, "Deleted"));
      this.definition.replaceChildren(h("p", { class: "empty" }, "This job does not exist (any more)."));
      for (const button of [this.toggle, this.trigger, this.remove]) button.disabled = true;
      return;
    }
    this.badges.replaceChildren(
      job.paused ? h("span", { class: "badge warn" }, "Paused") : h("span", { class: "badge ok" }, "Active"),
      missedBadge(job.missed) ?? "");
    if (!this.busy) this.setButtons(job);
    this.definition.replaceChildren(definition(job));
    this.state.replaceChildren(state(job));
    this.next.replaceChildren(...snapshot.next.map(o => h("li", {},
      h("time", { datetime: o.utc }, o.local.replace("T", " ").replace(/\.\d{3}/, " ")), h("span", { class: "sub" }, o.tz === "UTC" ? "UTC · " : `${o.tz} · ${o.utc.slice(11, 19)} UTC · `, when(o.utc)))));
    this.nextNote.textContent = snapshot.next.length === 0 ? "No occurrence left."
      : job.paused ? "Paused: these run only once it is resumed." : "";
    syncRows(this.historyBody, snapshot.history, runKey, runRow);
    this.historyEmpty.hidden = snapshot.history.length > 0;
  }

  setButtons(job) {
    this.toggle.dataset.action = job.paused ? "resume" : "pause";
    this.toggle.textContent = job.paused ? "Resume" : "Pause";
    this.toggle.setAttribute("aria-label", `${job.paused ? "Resume" : "Pause"} ${job.id}`);
    for (const button of [this.toggle, this.trigger, this.remove]) button.disabled = false;
  }

  async act(work) {
    this.busy = true;
    for (const button of [this.toggle, this.trigger, this.remove]) button.disabled = true;
    try {
      await work();
    } finally {
      this.busy = false;
      if (this.job) this.setButtons(this.job);
    }
  }

  pauseOrResume() {
    const verb = this.job?.paused ? "resume" : "pause";
    return this.act(async () => {
      try {
        const job = await send("POST", `api/jobs/${segment(this.id)}/${verb}`);
        this.job = job;
        showInfo(job.paused ? `Paused ${this.id}` : `Resumed ${this.id}`);
      } catch (error) {
        showError(error, `${verb === "pause" ? "Pause" : "Resume"} ${this.id}`);
      }
    });
  }

  triggerNow() {
    return this.act(async () => {
      try {
        const { runId } = await send("POST", `api/jobs/${segment(this.id)}/trigger`);
        showInfo(`Triggered ${runId}`);
      } catch (error) {
        showError(error, `Trigger ${this.id}`);
      }
    });
  }

  async deleteJob() {
    const sure = await confirmAction(`Delete ${this.id}?`,
      "Its definition, reminder and history are removed. Runs already queued still run.", "Delete");
    if (!sure) return;
    await this.act(async () => {
      try {
        await send("DELETE", `api/jobs/${segment(this.id)}`);
        showInfo(`Deleted ${this.id}`);
        location.hash = "#/";
      } catch (error) {
        showError(error, `Delete ${this.id}`);
      }
    });
  }

  dispose() {
    this.stream.close();
  }
}
