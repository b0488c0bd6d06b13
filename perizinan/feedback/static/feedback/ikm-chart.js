// The IKM report's charts (Chart.js from npm). The numbers are also in the tables beside them.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("ikm-chart-data");
  if (!source || !window.Chart) return;
  const data = JSON.parse(source.textContent);
  const elements = document.getElementById("chart-elements");
  if (elements) {
    new window.Chart(elements, {
      type: "bar",
      data: {
        labels: data.elements.map((e) => e.code),
        datasets: [{
          label: "NRR",
          data: data.elements.map((e) => e.nrr),
          backgroundColor: data.elements.map((e) => (e.flagged ? "#b35c00" : "#0b4a6f")),
        }],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: 4 } },
        plugins: { legend: { display: false } },
      },
    });
  }
  const complaints = document.getElementById("chart-complaints");
  if (complaints) {
    new window.Chart(complaints, {
      type: "bar",
      data: {
        labels: data.complaints.map((c) => c[0]),
        datasets: [{ label: "#", data: data.complaints.map((c) => c[1]), backgroundColor: "#0b4a6f" }],
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        indexAxis: "y",
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    });
  }
});
