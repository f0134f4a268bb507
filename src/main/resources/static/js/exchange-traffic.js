// Draws the exchange traffic chart from the data the page carries (no inline script: CSP).
document.addEventListener('DOMContentLoaded', () => {
  const element = document.getElementById('traffic-chart');
  if (!element || typeof echarts === 'undefined') {
    return;
  }
  const data = JSON.parse(element.dataset.chart);
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: data.days },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: 'ms', splitLine: { show: false } }],
    series: [
      { name: element.dataset.calls, type: 'bar', stack: 'calls', data: data.calls },
      { name: element.dataset.errors, type: 'bar', stack: 'problems', data: data.errors },
      { name: element.dataset.denied, type: 'bar', stack: 'problems', data: data.denied },
      { name: element.dataset.rejected, type: 'bar', stack: 'problems', data: data.rejected },
      { name: element.dataset.latency, type: 'line', yAxisIndex: 1, data: data.latency }
    ]
  });
  window.addEventListener('resize', () => chart.resize());
});
