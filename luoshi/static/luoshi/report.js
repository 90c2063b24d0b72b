/* The report page on a phone: each section (项目) folds to one line, so 106 cards are 21
   lines to choose from; a button opens a section. Without JavaScript every section stays
   open. On a wide screen the table shows whole and the buttons are hidden (site.css). */
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 48rem)");
  var groups = Array.prototype.slice.call(document.querySelectorAll("tbody.section-group"));
  if (!groups.length) return;

  function set(group, open) {
    group.classList.toggle("collapsed", !open);
    var button = group.querySelector(".section-toggle");
    if (button) button.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function fold() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    groups.forEach(function (group) {
      // One section alone (a filtered view) stays open; so does the one a link points into.
      var open = !phone.matches || groups.length === 1 || (target && group.contains(target));
      set(group, open);
    });
  }

  groups.forEach(function (group) {
    var button = group.querySelector(".section-toggle");
    if (!button) return;
    button.addEventListener("click", function () {
      set(group, group.classList.contains("collapsed"));
    });
  });
  document.documentElement.classList.add("sections-foldable");
  fold();
  if (phone.addEventListener) phone.addEventListener("change", fold);
})();
