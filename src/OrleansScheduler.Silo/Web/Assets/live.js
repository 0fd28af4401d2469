// Live updates: an EventSource on one of the silo's event streams, the connection state in the header, and a
// reconnect when the browser gives up (it retries by itself only while the server keeps answering 200).
import { showStreamProblem } from "./notices.js";

const MAX_DELAY_MS = 15_000;

function setState(state, text) {
  const indicator = document.getElementById("connection");
  indicator.dataset.state = state;
  indicator.textContent = text;
}

/** Follows an event stream until close(); onData gets each snapshot of the named event. */
export class LiveStream {
  constructor(url, eventType, onData) {
    this.url = url;
    this.eventType = eventType;
    this.onData = onData;
    this.delay = 1000;
    this.closed = false;
    this.connect();
  }

  connect() {
    if (this.closed) return;
    setState("connecting", "connecting…");
    const source = new EventSource(this.url);
    this.source = source;
    source.addEventListener("open", () => {
      this.delay = 1000;
      setState("live", "live");
    });
    source.addEventListener(this.eventType, event => {
      setState("live", "live");
      showStreamProblem(null);
      this.onData(JSON.parse(event.data));
    });
    source.addEventListener("problem", event => {
      setState("reconnecting", "live, but the silo cannot read the state");
      showStreamProblem(JSON.parse(event.data));
    });
    source.addEventListener("error", () => {
      if (this.closed) return;
      if (source.readyState === EventSource.CONNECTING) {
        setState("reconnecting", "reconnecting…");
        return;
      }
      // Closed for good (an error status, or the silo went away): try again later, backing off.
      source.close();
      const seconds = Math.round(this.delay / 1000);
      setState("offline", `offline — retrying in ${seconds} s`);
      this.timer = setTimeout(() => this.connect(), this.delay);
      this.delay = Math.min(this.delay * 2, MAX_DELAY_MS);
    });
  }

  close() {
    this.closed = true;
    clearTimeout(this.timer);
    this.source?.close();
  }
}
