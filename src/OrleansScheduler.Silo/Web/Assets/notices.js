// Messages at the top of the page: errors (problem details) stay until dismissed, confirmations fade.
import { h } from "./dom.js";

const region = () => document.getElementById("notices");

function show(kind, title, detail, errors = []) {
  const notice = h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" },
    h("div", {},
      h("strong", {}, title),
      detail ? h("span", {}, " — ", detail) : null,
      errors.length > 0 ? h("ul", {}, errors.map(e => h("li", {}, e))) : null),
    h("button", { type: "button", class: "small", "aria-label": "Dismiss", onclick: () => notice.remove() }, "×"));
  region().append(notice);
  return notice;
}

/** Shows an error; an ApiError shows its problem's title, detail and errors. */
export function showError(error, context) {
  const title = context ? `${context}: ${error.title ?? "failed"}` : (error.title ?? "Something went wrong");
  const errors = error.errors ?? [];
  const detail = errors.length === 1 && errors[0] === error.message ? null : error.message;
  show("error", title, detail, errors);
}

/** Shows a short confirmation that goes away by itself. */
export function showInfo(text) {
  const notice = show("info", text);
  setTimeout(() => notice.remove(), 6000);
}

/** Shows the problem an event stream reported; replaces the previous one from the same stream. */
let streamProblem = null;
export function showStreamProblem(problem) {
  streamProblem?.remove();
  streamProblem = problem ? show("error", problem.title, problem.detail) : null;
}
