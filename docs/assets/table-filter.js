/* mfg-canonical docs: a text filter for generated tables (rule index, plant tables).
   Markup (canonical.docs.markdown.filter_box): <input class="canon-filter" data-target="ID">
   before <div id="ID"> holding one table. Rows whose text does not contain every typed word
   are hidden; the count next to the box says how many are shown. No network, no library. */
(function () {
  function apply(input) {
    var box = document.getElementById(input.getAttribute("data-target"));
    if (!box) { return; }
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = box.querySelectorAll("tbody tr");
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.style.display = keep ? "" : "none";
      if (keep) { shown += 1; }
    });
    var count = input.parentNode.querySelector(".canon-filter-count");
    if (count) { count.textContent = shown + " of " + rows.length + " shown"; }
  }
  function init() {
    document.querySelectorAll("input.canon-filter").forEach(function (input) {
      input.addEventListener("input", function () { apply(input); });
      apply(input);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
