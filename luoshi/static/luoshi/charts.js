/* The report's charts, drawn with the vendored ECharts from the cached JSON endpoint.
   Every chart has a data table below it holding the same numbers (for screen readers,
   printing, and readers without JavaScript). */
(function () {
  "use strict";
  var root = document.querySelector(".charts[data-src]");
  if (!root || !window.echarts) return;
  var COLORS = {
    exceeded: "#0b6e2f", completed: "#1a7f37", on_track: "#0550ae",
    in_progress: "#6639ba", behind: "#b3131b", awaiting_data: "#7d4e00"
  };
  var base = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  var text = { fontSize: Math.round(base * 0.8), color: "#1a1a1a" };
  var charts = [];

  function make(id, option, height) {
    var el = document.getElementById(id);
    if (!el) return;
    if (height) el.style.height = height + "px";
    var chart = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = text;
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
  }

  function stacked(id, data) {
    var rows = data.categories.length;
    make(id, {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, textStyle: text },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: text },
      yAxis: { type: "category", data: data.categories, inverse: true,
               axisLabel: { fontSize: text.fontSize, width: base * 12, overflow: "truncate" } },
      series: data.series.map(function (s) {
        return { name: s.label, type: "bar", stack: "all", data: s.data,
                 itemStyle: { color: COLORS[s.status] } };
      })
    }, Math.max(240, rows * (base * 1.6) + 80));
  }

  fetch(root.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      make("chart-classes", {
        tooltip: { trigger: "item" },
        grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: "category", data: data.classes.map(function (c) { return c.label; }), axisLabel: text },
        yAxis: { type: "value", minInterval: 1, axisLabel: text },
        series: [{
          type: "bar", label: { show: true, position: "top", fontSize: text.fontSize },
          data: data.classes.map(function (c) { return { value: c.count, itemStyle: { color: COLORS[c.status] } }; })
        }]
      }, 300);
      stacked("chart-sections", data.sections);
      stacked("chart-units", data.units);
      var t = data.targets;
      make("chart-targets", {
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
        grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
        xAxis: { type: "value", axisLabel: { formatter: "{value}%", fontSize: text.fontSize } },
        yAxis: { type: "category", inverse: true, axisLabel: { fontSize: text.fontSize, width: base * 14, overflow: "truncate" },
                 data: t.map(function (x) { return x.seq + ". " + (x.limit ? "≤ " : "") + x.target_text; }) },
        series: [{
          type: "bar", name: "完成比例",
          label: { show: true, position: "right", fontSize: text.fontSize,
                   formatter: function (p) {
                     var x = t[p.dataIndex];
                     // An upper limit is met by staying under it: say so, not "38%".
                     return x.limit ? "上限的 " + x.percent + "% · " + x.state_label : x.percent + "% · " + x.state_label;
                   } },
          // Each bar in its target's own state (a 162% bar of a task judged 滞后 is green).
          data: t.map(function (x) {
            var style = { color: COLORS[x.colour] || "#555" };
            if (x.limit) { style.borderType = "dashed"; style.borderColor = "#000"; style.borderWidth = 2; style.opacity = 0.6; }
            return { value: x.percent, itemStyle: style };
          }),
          markLine: { symbol: "none", lineStyle: { type: "dashed", color: "#000" },
                      label: { formatter: "序时 " + data.schedule_percent + "%" },
                      data: [{ xAxis: data.schedule_percent }] }
        }]
      }, Math.max(200, t.length * (base * 1.8) + 60));
      root.setAttribute("data-rendered", "true");
    });

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
})();
