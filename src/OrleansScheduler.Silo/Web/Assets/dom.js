// A small DOM builder: h("td", { class: "num" }, "3"). Text is always set as text, never parsed as HTML.
const SVG = "http://www.w3.org/2000/svg";

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export const h = (tag, attributes, ...children) => build(document.createElement(tag), attributes, children);
export const s = (tag, attributes, ...children) => build(document.createElementNS(SVG, tag), attributes, children);

/**
 * Brings a tbody in line with items, keyed by key(item): rows whose item did not change are kept as they are (so a
 * focused button or a hovered link survives a live update), changed ones are rebuilt, gone ones removed.
 */
export function syncRows(tbody, items, key, render) {
  const existing = new Map([...tbody.children].map(row => [row.dataset.key, row]));
  const rows = items.map(item => {
    const id = key(item);
    const version = JSON.stringify(item);
    const old = existing.get(id);
    if (old && old.dataset.version === version) return old;
    const row = render(item);
    row.dataset.key = id;
    row.dataset.version = version;
    return row;
  });
  const keep = new Set(rows);
  for (const row of [...tbody.children]) if (!keep.has(row)) row.remove();
  rows.forEach((row, index) => { if (tbody.children[index] !== row) tbody.insertBefore(row, tbody.children[index] ?? null); });
}
