(function () {
  "use strict";
  // Without this script (a CI server that serves artifacts with its own policy) the filters would do nothing: they show only with it.
  document.documentElement.classList.add("js");
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("li.item"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.checklist-section"));
  var shown = document.getElementById("shown");

  function chosen(kind) {
    return boxes.filter(function (b) { return b.dataset.filter === kind && b.checked; })
      .map(function (b) { return b.value; });
  }

  function apply() {
    var statuses = chosen("status");
    var levels = chosen("level");
    var visible = 0;
    items.forEach(function (item) {
      var show = statuses.indexOf(item.dataset.status) >= 0 && levels.indexOf(item.dataset.level) >= 0;
      item.hidden = !show;
      if (show) {
        visible++;
      }
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector("li.item:not([hidden])") === null;
    });
    if (shown) {
      shown.textContent = visible + " of " + items.length + " items shown";
    }
  }

  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  var expand = document.getElementById("expand-all");
  if (expand) {
    expand.addEventListener("click", function () {
      var open = expand.dataset.open !== "true";
      document.querySelectorAll("li.item > details").forEach(function (d) { d.open = open; });
      expand.dataset.open = String(open);
      expand.textContent = open ? "Collapse all" : "Expand all";
    });
  }
  apply();
})();
