// Calls to the silo's HTTP API. Mutating calls carry X-Api-Key once the user gave it: on a 401 the page asks for
// the key (once per browser tab, kept in sessionStorage) and repeats the call.
const KEY_STORAGE = "osched.apiKey";

/** An API error, with the problem details (RFC 9457) the API answered. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title || `The request failed (HTTP ${status})`;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }

  static async from(response) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      // Not JSON (e.g. a proxy's error page): the status alone has to do.
    }
    return new ApiError(response.status, problem);
  }
}

/** GET a JSON document. */
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) throw await ApiError.from(response);
  return response.json();
}

/**
 * Sends a mutating request (POST, PUT, DELETE) and returns the JSON answer, or null for 204. Asks for the API key on
 * 401 and repeats the request with it; gives up with an ApiError when the user cancels.
 */
export async function send(method, path) {
  let rejected = false;
  for (;;) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const headers = { Accept: "application/json" };
    if (key) headers["X-Api-Key"] = key;
    const response = await fetch(path, { method, headers });
    if (response.status === 401) {
      const error = await ApiError.from(response);
      rejected = Boolean(key);
      const entered = await askForKey(rejected);
      if (!entered) throw error;
      sessionStorage.setItem(KEY_STORAGE, entered);
      continue;
    }
    if (!response.ok) throw await ApiError.from(response);
    return response.status === 204 ? null : response.json();
  }
}

function askForKey(rejected) {
  const dialog = document.getElementById("api-key-dialog");
  const input = document.getElementById("api-key-input");
  document.getElementById("api-key-reason").textContent = rejected
    ? "The silo did not accept that key. Enter the key configured as Scheduler:ApiKey."
    : "This silo requires an API key to change jobs. It is kept for this browser tab only.";
  input.value = "";
  // Counted so that a test (or a person reading the DOM) can tell a second prompt from the first.
  dialog.dataset.prompts = String(Number(dialog.dataset.prompts ?? 0) + 1);
  return new Promise(resolve => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok" && input.value.trim() ? input.value.trim() : null), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    input.focus();
  });
}

/** Asks the user to confirm a destructive action; resolves true when confirmed. */
export function confirmAction(title, text, button) {
  const dialog = document.getElementById("confirm-dialog");
  document.getElementById("confirm-title").textContent = title;
  document.getElementById("confirm-text").textContent = text;
  document.getElementById("confirm-ok").textContent = button;
  return new Promise(resolve => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
  });
}

/** A path segment, escaped (job ids and run ids may hold any character). */
export const segment = value => encodeURIComponent(value);
