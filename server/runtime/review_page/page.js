"use strict";
(() => {
  const data = JSON.parse(document.getElementById("data").textContent);
  const items = [];             // every uncertain span, in cue order
  const chosen = new Map();     // item id -> index in item.options (0 is "keep")
  let current = -1;             // index into items of the span in focus

  const storageKey = "shruti-review:" + data.source + ":" + checksum(JSON.stringify(data));

  function checksum(text) {
    let hash = 5381;
    for (let i = 0; i < text.length; i += 1) hash = (hash * 33 + text.charCodeAt(i)) >>> 0;
    return hash.toString(16);
  }

  function element(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === "className") node.className = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // The text of one cue, cut at its changes and uncertain spans.
  function cueText(cue) {
    const marks = cue.uncertain.map((item) => ({ kind: "uncertain", start: item.span[0], end: item.span[1], item }));
    for (const change of cue.changes) {
      const [start, end] = change.span;
      const inside = marks.some((m) => m.kind === "uncertain" && start < m.end && m.start < Math.max(end, start + 1));
      if (!inside) marks.push({ kind: "change", start, end, before: change.before });
    }
    marks.sort((a, b) => a.start - b.start || b.end - a.end);
    const paragraph = element("p", { className: "text" });
    let at = 0;
    for (const mark of marks) {
      if (mark.start < at) continue;
      paragraph.append(cue.text.slice(at, mark.start));
      if (mark.kind === "uncertain") {
        paragraph.append(uncertainButton(mark.item));
      } else if (mark.end > mark.start) {
        paragraph.append(element("mark", { className: "change", tabindex: "0", "data-before": mark.before, title: "was: " + mark.before }, cue.text.slice(mark.start, mark.end)));
      } else {
        paragraph.append(element("mark", { className: "change removed", tabindex: "0", "data-before": mark.before, title: "removed: " + mark.before, "aria-label": "removed: " + mark.before }, "‸"));
      }
      at = Math.max(at, mark.end);
    }
    paragraph.append(cue.text.slice(at));
    return paragraph;
  }

  function uncertainButton(item) {
    const button = element("button", { type: "button", className: "uncertain", id: "span-" + item.id, "aria-describedby": "panel-" + item.id }, item.text);
    button.addEventListener("click", () => focusItem(items.indexOf(item), "panel"));
    return button;
  }

  // The choices for one span: 0 keeps the text, 1-5 are the candidates that change it.
  function panel(item) {
    const fieldset = element("fieldset", { className: "panel", id: "panel-" + item.id });
    fieldset.append(element("legend", {}, "“" + item.text + "”", element("span", { className: "reason" }, item.reason)));
    item.options.forEach((option, index) => {
      const input = element("input", { type: "radio", name: "choice-" + item.id, value: String(index), id: "choice-" + item.id + "-" + index });
      if (index === (chosen.get(item.id) ?? -1)) input.checked = true;
      input.addEventListener("change", () => choose(items.indexOf(item), index));
      const label = element("label", { for: input.id }, input, element("kbd", {}, String(index)), " " + option.text + " ");
      label.append(element("small", {}, index === 0 ? "keep as it is" : option.source + " · " + option.score));
      fieldset.append(label);
    });
    return fieldset;
  }

  function render() {
    const list = element("ol", { className: "cues" });
    for (const cue of data.cues) {
      for (const item of cue.uncertain) {
        item.options = [{ text: item.text, source: "keep", score: "" }, ...item.candidates.filter((c) => c.text !== item.text).slice(0, 5)];
        items.push(item);
      }
      const entry = element("li", { className: "cue", id: "cue-" + cue.position });
      entry.append(element("div", { className: "meta" }, "#" + cue.position + "  " + cue.timing));
      entry.append(cueText(cue));
      for (const item of cue.uncertain) entry.append(panel(item));
      list.append(entry);
    }
    document.getElementById("cues").append(list);
  }

  function choose(index, option) {
    const item = items[index];
    if (!item || option < 0 || option >= item.options.length) return;
    chosen.set(item.id, option);
    const button = document.getElementById("span-" + item.id);
    button.textContent = item.options[option].text;
    button.classList.add("decided");
    document.getElementById("choice-" + item.id + "-" + option).checked = true;
    remember();
    progress();
  }

  function focusItem(index, where) {
    if (items.length === 0) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    document.querySelectorAll("button.uncertain.current").forEach((b) => b.classList.remove("current"));
    const item = items[current];
    const button = document.getElementById("span-" + item.id);
    button.classList.add("current");
    const target = where === "panel" ? document.querySelector("#panel-" + item.id + " input:checked, #panel-" + item.id + " input") : button;
    target.focus();
    target.scrollIntoView({ block: "center" });
    progress();
  }

  function progress() {
    const decided = items.filter((item) => chosen.has(item.id)).length;
    const left = items.length - decided;
    const where = current >= 0 ? " · at " + (current + 1) + " of " + items.length : "";
    document.getElementById("progress").textContent = items.length === 0
      ? "Nothing uncertain in this transcript."
      : decided + " of " + items.length + " uncertain spans decided, " + left + " left" + where;
  }

  function decisions() {
    const found = [];
    for (const item of items) {
      const option = chosen.get(item.id) ?? 0;
      if (option === 0) continue;
      found.push({ segment: item.segment, span: item.span, text: item.text, replace: item.options[option].text });
    }
    return found;
  }

  function save() {
    const list = decisions();
    const body = JSON.stringify({ source: data.source, decisions: list }, null, 2) + "\n";
    const link = element("a", { href: URL.createObjectURL(new Blob([body], { type: "application/json" })), download: baseName(data.source) + ".decisions.json" });
    document.body.append(link);
    link.click();
    link.remove();
    document.getElementById("saved").textContent = "Saved " + list.length + " decision" + (list.length === 1 ? "" : "s") + " as " + link.download;
  }

  function baseName(path) {
    const name = path.split(/[\\/]/).pop() || "transcript";
    return name.replace(/\.[^.]*$/, "") || "transcript";
  }

  // Decisions survive a reload of the same page (not of a page for another transcript).
  function remember() {
    try {
      localStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(chosen)));
    } catch (error) {
      console.info("decisions are kept in this tab only:", error.message);
    }
  }

  function restore() {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(storageKey) || "{}");
    } catch (error) {
      console.info("no saved decisions restored:", error.message);
    }
    items.forEach((item, index) => {
      if (Object.hasOwn(saved, item.id)) choose(index, saved[item.id]);
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (key === "n" || key === "j") focusItem(current + 1);
    else if (key === "p" || key === "k") focusItem(current - 1);
    else if (key === "s") save();
    else if (/^[0-5]$/.test(key) && current >= 0) choose(current, Number(key));
    else return;
    event.preventDefault();
  });
  document.getElementById("next").addEventListener("click", () => focusItem(current + 1));
  document.getElementById("previous").addEventListener("click", () => focusItem(current - 1));
  document.getElementById("save").addEventListener("click", save);

  function showApplyCommand() {
    const target = data.corrected || data.source;
    const stem = baseName(target);
    document.getElementById("apply-command").textContent =
      "shruti apply " + target + " " + baseName(data.source) + ".decisions.json -o " + stem + ".final" + extension(target);
  }

  function extension(path) {
    const match = /\.[^.\/]*$/.exec(path);
    return match ? match[0] : ".srt";
  }

  render();
  restore();
  progress();
  showApplyCommand();
})();
