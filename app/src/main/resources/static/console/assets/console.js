// The console's only script of its own: draws the revenue charts and asks before consequential actions.
// Loaded as a file (the Content-Security-Policy allows no inline script).
(function () {
  'use strict';

  function drawCharts(root) {
    if (typeof Chart === 'undefined') {
      return;
    }
    Object.values(Chart.instances).forEach(function (chart) {
      if (!chart.canvas.isConnected) {
        chart.destroy();
      }
    });
    (root || document).querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (Chart.getChart(canvas)) {
        return;
      }
      var data = JSON.parse(canvas.dataset.chart);
      var currency = data.currency.toUpperCase();
      new Chart(canvas, {
        data: {
          labels: data.days,
          datasets: [
            {type: 'bar', label: 'Revenue (' + currency + ')', data: data.revenue, backgroundColor: '#9ec5fe',
              borderColor: '#3d7dd8', borderWidth: 1, order: 2},
            {type: 'line', label: 'Commission (' + currency + ')', data: data.commission, borderColor: '#d9480f',
              backgroundColor: '#d9480f', pointRadius: data.days.length > 40 ? 0 : 2, tension: 0.2, order: 1}
          ]
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: {mode: 'index', intersect: false},
          scales: {y: {beginAtZero: true}, x: {offset: true, ticks: {maxTicksLimit: 15}}},
          plugins: {legend: {position: 'bottom'}}
        }
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    document.body.addEventListener('htmx:afterSettle', function (event) {
      drawCharts(event.detail.elt.parentNode || document);
    });
    document.body.addEventListener('submit', function (event) {
      var message = event.target.getAttribute('data-confirm');
      if (message && !window.confirm(message)) {
        event.preventDefault();
      }
    });
  });
})();
