/* Display preferences: 长辈版 (large type, high contrast) and the font size 大/中/小.
   Each choice is kept in a cookie (so the server renders the page with it: no flash)
   and in localStorage (so it comes back if the cookie is cleared). Without JavaScript the
   same buttons submit to /display/, which sets the cookie and returns to the page. */
(function () {
  "use strict";
  var html = document.documentElement;
  var YEAR = 365 * 24 * 3600;
  // The cookie names, from the one place that names them (luoshi/disclosure/display.py).
  var ELDER = html.getAttribute("data-elder-cookie");
  var SIZE = html.getAttribute("data-size-cookie");

  function save(name, value) {
    document.cookie = name + "=" + value + "; path=/; max-age=" + YEAR + "; SameSite=Lax";
    try { localStorage.setItem(name, value); } catch (e) { /* private mode */ }
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return m ? m[1] : null;
  }

  function applyElder(on) {
    html.classList.toggle("elder", on);
    var b = document.getElementById("elder-toggle");
    if (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); b.value = on ? "0" : "1"; }
  }
  function applySize(size) {
    html.classList.remove("size-large", "size-small");
    if (size === "large" || size === "small") html.classList.add("size-" + size);
    document.querySelectorAll("button[data-size]").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-size") === size ? "true" : "false");
    });
  }

  // Restore from localStorage when the cookie is gone.
  try {
    [ELDER, SIZE].filter(Boolean).forEach(function (name) {
      var stored = localStorage.getItem(name);
      if (stored !== null && cookie(name) === null) {
        save(name, stored);
        if (name === ELDER) applyElder(stored === "1"); else applySize(stored);
      }
    });
  } catch (e) { /* no storage */ }

  // A page the server did not render for this reader (a static copy written by luoshi
  // publish-static, the same for everyone): the choices in the cookies are applied here.
  var elder = cookie(ELDER), size = cookie(SIZE);
  if (elder !== null && html.classList.contains("elder") !== (elder === "1")) applyElder(elder === "1");
  var shown = html.classList.contains("size-large") ? "large" : html.classList.contains("size-small") ? "small" : "medium";
  if ((size === "large" || size === "medium" || size === "small") && size !== shown) applySize(size);

  // 【打印本页】【关闭窗口】: shown only where JavaScript can do what they say.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-page-tools]").forEach(function (tools) {
      tools.hidden = false;
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-action]");
        if (!button) return;
        if (button.getAttribute("data-action") === "print") window.print();
        else window.close();
      });
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.display-controls");
    if (!form) return;
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      event.preventDefault();
      if (button.id === "elder-toggle") {
        var on = !html.classList.contains("elder");
        applyElder(on);
        save(ELDER, on ? "1" : "0");
      } else if (button.hasAttribute("data-size")) {
        var size = button.getAttribute("data-size");
        applySize(size);
        save(SIZE, size);
      }
      window.dispatchEvent(new Event("resize"));
    });
  });
})();
