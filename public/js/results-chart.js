// Results pages, progressive enhancement: a bar chart beside each question's table, drawn with
// chart.js from the JSON in #results-chart-data. No figures are computed here, and the JSON holds
// only the questions the page shows (suppressed ones are not in it). The table above each chart is
// its text alternative; without JavaScript the tables are all there is.
(function () {
  var data = document.getElementById("results-chart-data");
  if (!data || !window.Chart) return;
  var charts;
  try { charts = JSON.parse(data.textContent || "{}").charts || []; } catch { return; }
  var css = getComputedStyle(document.documentElement);
  var brand = css.getPropertyValue("--brand").trim() || "#0b4f6c";
  window.Chart.defaults.color = css.getPropertyValue("--ink").trim() || "#1b1b1b";
  // The chart's words follow the page's text size (the reader's own setting), never under 14 px (chart.js draws 12).
  var fontSize = Math.max(14, parseFloat(getComputedStyle(document.body).fontSize) || 16);
  window.Chart.defaults.font.size = fontSize;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  // Wide and low beside a table on a large screen, taller on a phone.
  var aspect = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches ? 1.4 : 2.8;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  charts.forEach(function (c) {
    var box = document.getElementById(c.id);
    if (!box) return;
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", "Stapeldiagram över svaren på " + c.title.toLowerCase() + ". Samma siffror står i tabellen ovanför.");
    box.appendChild(canvas);
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: c.labels, datasets: [{ label: "Antal svar", data: c.counts, backgroundColor: brand }] },
      options: {
        responsive: true,
        aspectRatio: aspect,
        animation: reduceMotion ? false : undefined,
        plugins: { legend: { display: false }, title: { display: true, text: c.title, font: { size: Math.round(fontSize * 1.15), weight: "bold" } } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "Antal svar" } } },
      },
    });
  });
})();
