/* Phones: a list's rows are stacked with each cell under its column's name, and
   a list's filter panel opens behind a "Filters" button. Loaded on every page;
   without it the rows still stack (without names) and the filters stay open. */
(function () {
  "use strict";
  // Translations from Django's JavaScript catalogue (/jsi18n/), loaded before this
  // script; without it the English source text is shown.
  var gettext = window.gettext || function (s) { return s; };

  // Each cell of a stacked table row is labelled with its column's heading
  // (the CSS shows data-label under 700 px). Cells that carry their own label are kept.
  function labelCells(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var headings = table.querySelectorAll("thead th");
      if (!headings.length) return;
      var names = Array.prototype.map.call(headings, function (th) {
        return th.textContent.replace(/\s+/g, " ").trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label") && names[column]) cell.setAttribute("data-label", names[column]);
          column += cell.colSpan || 1;
        });
      });
    });
  }

  // A list's filter panel collapses behind a button on small screens.
  function collapseFilters() {
    document.querySelectorAll(".list-layout > form.filters").forEach(function (form, index) {
      if (form.previousElementSibling && form.previousElementSibling.classList.contains("filters-toggle")) return;
      if (!form.id) form.id = "filters-" + index;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button filters-toggle";
      button.setAttribute("aria-controls", form.id);
      button.setAttribute("aria-expanded", "false");
      var title = form.querySelector(".filters-title");
      button.textContent = title ? title.textContent.trim() : gettext("Filter");
      button.addEventListener("click", function () {
        var open = form.classList.toggle("is-open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
      form.classList.add("collapsible");
      form.parentNode.insertBefore(button, form);
    });
  }

  function enhance() {
    labelCells(document);
    collapseFilters();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target) labelCells(event.detail.target);
  });
})();
