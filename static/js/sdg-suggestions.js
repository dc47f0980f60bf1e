/* SDG suggestions on the engagement form: as the title, summary and topics
   change, ask the server for the most relevant SDG targets and list them
   beside the target picker. Each has an "Add" button; nothing is ticked
   until staff choose it. Without JavaScript the picker works as before. */
(function () {
  "use strict";

  var box = document.getElementById("sdg-suggestions");
  if (!box || !window.fetch) return;
  var form = box.closest("form");
  var list = box.querySelector("[data-suggestion-list]");
  var status = box.querySelector("[data-suggestion-status]");
  var url = box.dataset.url;
  var timer = null;
  var pending = null;
  box.hidden = false;

  function field(name) { return form.querySelector("[name=" + name + "]"); }

  function targetBox(id) {
    return form.querySelector('input[name="sdg_targets"][value="' + id + '"]');
  }

  function query() {
    var params = new URLSearchParams();
    params.set("title", (field("title") || {}).value || "");
    params.set("summary", (field("summary") || {}).value || "");
    form.querySelectorAll('input[name="topics"]:checked').forEach(function (input) {
      params.append("topics", input.value);
    });
    return params;
  }

  function say(text) { status.textContent = text; }

  function render(suggestions) {
    list.textContent = "";
    var shown = 0;
    suggestions.forEach(function (item) {
      var checkbox = targetBox(item.id);
      if (!checkbox || checkbox.checked) return;
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small sdg-accept";
      button.dataset.targetId = item.id;
      button.textContent = box.dataset.addLabel + " " + item.code;
      button.setAttribute("aria-label", box.dataset.addLabel + " " + item.code + ": " + item.title);
      var text = document.createElement("span");
      text.className = "sdg-suggestion-text";
      text.textContent = item.title.length > 140 ? item.title.slice(0, 139) + "…" : item.title;
      text.title = item.title;
      var goal = document.createElement("span");
      goal.className = "muted";
      goal.textContent = " (" + box.dataset.goalLabel + " " + item.goal + ": " + item.goal_short + ")";
      li.appendChild(button);
      li.appendChild(text);
      li.appendChild(goal);
      list.appendChild(li);
      shown += 1;
    });
    say(shown ? "" : box.dataset.emptyLabel);
  }

  function refresh() {
    var params = query();
    if ((params.get("title") + params.get("summary")).trim().length < 3) {
      list.textContent = "";
      say(box.dataset.promptLabel);
      return;
    }
    if (pending) pending.abort();
    pending = window.AbortController ? new AbortController() : null;
    fetch(url + "?" + params.toString(), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: pending ? pending.signal : undefined,
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { render(data.suggestions || []); })
      .catch(function (error) { if (error.name !== "AbortError") say(""); });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  }

  form.addEventListener("input", function (event) {
    var name = event.target.name;
    if (name === "title" || name === "summary") later();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "topics") later();
    if (event.target.name === "sdg_targets" && !event.target.checked) later();
  });

  // One click (or Enter / Space on the focused button) ticks the target.
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-target-id]");
    if (!button) return;
    var checkbox = targetBox(button.dataset.targetId);
    if (!checkbox) return;
    checkbox.checked = true;
    checkbox.dispatchEvent(new Event("change", { bubbles: true }));
    var details = checkbox.closest("details");
    if (details) details.open = true;
    var item = button.closest("li");
    var next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    say(box.dataset.addedLabel.replace("%s", button.textContent.split(" ").pop()));
    var focus = next && next.querySelector("button");
    if (focus) focus.focus();
  });

  refresh();
})();
