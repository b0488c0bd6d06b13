// Perizinan reports: draw each <canvas data-chart="ID"> from the JSON in <script id="ID">.
// The same figures are in the table beside each chart (accessible without the picture).
document.addEventListener("DOMContentLoaded", () => {
  if (typeof window.Chart === "undefined") return;
  const palette = ["#1d4e89", "#c8553d", "#2a7f62", "#7a4fa3", "#8a5a00"];
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    const datasets = spec.series.map((s, i) => ({
      label: s.label,
      data: s.data,
      backgroundColor: palette[i % palette.length],
      borderColor: palette[i % palette.length],
      tension: 0.2,
    }));
    new window.Chart(canvas, {
      type: spec.kind,
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { y: { beginAtZero: true, title: { display: Boolean(spec.unit), text: spec.unit } } },
      },
    });
  });
});
