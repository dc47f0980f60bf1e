/* Diplomacy Desk: small progressive enhancements. Every page works without it. */
(function () {
  "use strict";

  // A double-clicked Save sends one request: disable the form's buttons once it
  // is on its way. (The server's one-time token guards the rest.) Disabled in
  // the next tick, so the clicked button's name still goes with the form.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("hx-post") || form.hasAttribute("hx-get") || form.method === "get") return;
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = true;
        b.setAttribute("aria-disabled", "true");
      });
    }, 0);
  });
  // Coming back with the Back button re-enables a form left disabled.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
    });
  });

  // Partner picker: a ticked search result moves to the chosen partners, so a
  // new search does not drop it; Enter in the search box searches, not saves.
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.name !== "partners" || !box.checked) return;
    var item = box.closest("li");
    var chosen = document.getElementById("partner-selected");
    if (item && chosen && !chosen.contains(item)) {
      chosen.appendChild(item);
      // Moving the item drops the keyboard focus to the page: give it back.
      box.focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.hasAttribute && event.target.hasAttribute("data-enter-search")) {
      if (window.htmx) {
        event.preventDefault();
        window.htmx.trigger(event.target, "search");
      }
    }
  });

  // After htmx swaps a section, put the keyboard focus where work continues:
  // the first field with an error, else the first field of the edited row.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.querySelector) return;
    var fresh = document.getElementById(target.id) || target;
    var field = fresh.querySelector(".has-error input, .has-error select, .has-error textarea") ||
      fresh.querySelector("tr.editing input, tr.editing select, tr.editing textarea");
    if (field) field.focus();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) window.print();
  });
})();

// Export links and saved views follow the filters when htmx changes them in place.
(function () {
  "use strict";
  document.addEventListener("htmx:pushedIntoHistory", function () {
    document.querySelectorAll("a[data-export-base]").forEach(function (link) {
      link.href = link.dataset.exportBase + window.location.search;
    });
    // "Save these filters" saves the filters now on screen.
    document.querySelectorAll("input[data-saved-view-query]").forEach(function (field) {
      field.value = window.location.search.replace(/^\?/, "");
    });
  });
})();

// Ticking rows of a list for one action on several: "tick every row" and a count.
(function () {
  "use strict";
  function boxes(formId) {
    return document.querySelectorAll('input[name="selected"][form="' + formId + '"]');
  }
  function showCount(formId) {
    var form = document.getElementById(formId);
    var label = form && form.querySelector("[data-selected-count]");
    if (!label) return;
    var ticked = Array.prototype.filter.call(boxes(formId), function (b) { return b.checked; }).length;
    if (ticked) label.textContent = label.dataset.template.replace("%(count)s", ticked);
  }
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (box.dataset && box.dataset.selectAll) {
      boxes(box.dataset.selectAll).forEach(function (b) { b.checked = box.checked; });
      showCount(box.dataset.selectAll);
    } else if (box.name === "selected" && box.getAttribute("form")) {
      showCount(box.getAttribute("form"));
    }
  });
})();
