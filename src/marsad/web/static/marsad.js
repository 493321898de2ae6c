// Marsad's pages: draw the coverage charts (vendored Chart.js) and light up an article's marks from the side list.
(function () {
  "use strict";
  function charts() {
    if (typeof Chart === "undefined") return;
    Chart.defaults.font.family = '"IBM Plex Sans Arabic", sans-serif';
    document.querySelectorAll("canvas.chart").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.source);
      if (!source) return;
      var data = JSON.parse(source.textContent);
      new Chart(canvas, {
        type: "bar",
        data: { labels: data.display || data.labels, datasets: data.datasets },
        options: {
          maintainAspectRatio: false, animation: false,
          plugins: { legend: { rtl: true, position: "bottom", labels: { boxWidth: 12 } },
                     tooltip: { rtl: true, mode: "index", intersect: false } },
          scales: { x: { stacked: true, reverse: true, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
                    y: { stacked: true, position: "right", beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
    });
  }
  function marks() {
    document.querySelectorAll(".side li[id]").forEach(function (li) {
      var refs = document.querySelectorAll('[data-refs~="' + li.id + '"]');
      li.addEventListener("mouseenter", function () { refs.forEach(function (r) { r.classList.add("lit"); }); });
      li.addEventListener("mouseleave", function () { refs.forEach(function (r) { r.classList.remove("lit"); }); });
    });
    document.querySelectorAll(".doc [data-ref]").forEach(function (span) {
      span.addEventListener("mouseenter", function () {
        var li = document.getElementById(span.dataset.ref); if (li) li.classList.add("lit");
      });
      span.addEventListener("mouseleave", function () {
        var li = document.getElementById(span.dataset.ref); if (li) li.classList.remove("lit");
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { charts(); marks(); });
})();
