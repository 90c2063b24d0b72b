// Live assessment preview on the unit's form: posts the draft (debounced) to the preview
// endpoint and shows the proposed class, targets and figures. Without JavaScript the
// same preview appears after 保存草稿.
(function () {
  "use strict";
  var form = document.getElementById("progress-form");
  if (!form) return;
  var url = form.getAttribute("data-preview");
  var timer = null;
  var seq = 0;

  function setText(id, value) {
    document.getElementById(id).textContent = value;
  }

  function show(data) {
    var status = document.getElementById("pv-status");
    status.textContent = "";
    if (data.status) {
      var badge = document.createElement("span");
      badge.className = "badge badge-" + data.status;
      badge.textContent = data.status_label;
      status.appendChild(badge);
    } else {
      status.textContent = "—";
    }
    setText("pv-targets", data.targets.length ? data.targets.join("; ") : "无");
    var actuals = data.comparisons.length
      ? data.comparisons.map(function (c) {
          return c.actual + (c.percent === null ? "" : " (" + c.percent + "%)");
        })
      : data.actuals;
    setText("pv-actuals", actuals.length ? actuals.join("; ") : "无");
    var flag = document.getElementById("pv-flag");
    flag.hidden = !data.disagreement;
    flag.textContent = data.disagreement ? "⚠ " + data.disagreement : "";
  }

  function preview() {
    var mine = ++seq;
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && mine === seq) show(data); })
      .catch(function () {});
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
