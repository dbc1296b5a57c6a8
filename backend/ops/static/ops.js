// Draws the /ops/usage charts with the vendored Chart.js from the JSON in #usage-data.
// The numbers are in the table beside each chart already; the chart is the picture of them.
"use strict";
(function () {
  const holder = document.getElementById("usage-data");
  if (!holder || typeof Chart === "undefined") return;
  const charts = JSON.parse(holder.dataset.usage);
  const colours = ["#24543a", "#3f7f5a", "#5fa77a", "#8cc9a0", "#b9e4c5", "#d7f0de", "#eef8f1"];
  for (const [id, spec] of Object.entries(charts)) {
    const canvas = document.getElementById(id);
    if (!canvas) continue;
    const horizontal = id.startsWith("funnel-") || id === "abandoned" || id === "help";
    new Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: [{ label: spec.title, data: spec.values,
                     backgroundColor: spec.type === "doughnut" ? colours : "#3f7f5a" }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: spec.type === "doughnut" } },
      },
    });
  }
})();
