// The jobs view's entry point: hash routing (#/ and #/jobs/{id}) and the clock that keeps relative times fresh.
import { JobPage } from "./job-page.js";
import { Overview } from "./overview.js";
import { relative } from "./format.js";

const main = document.getElementById("main");
let page = null;

function route() {
  page?.dispose();
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const job = path.match(/^\/jobs\/(.+)$/);
  if (job) {
    const id = decodeURIComponent(job[1]);
    document.title = `${id} · Jobs · OrleansScheduler`;
    page = new JobPage(main, id);
  } else {
    document.title = "Jobs · OrleansScheduler";
    page = new Overview(main, new URLSearchParams(query ?? ""));
  }
}

window.addEventListener("hashchange", route);
setInterval(() => {
  const now = Date.now();
  for (const time of document.querySelectorAll("time[data-rel]")) time.textContent = relative(time.dateTime, now);
}, 1000);
route();
