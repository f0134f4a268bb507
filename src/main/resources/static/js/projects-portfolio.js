// Draws the portfolio's pipeline chart from the data the page carries (no inline script: CSP).
document.addEventListener('DOMContentLoaded', () => {
  const element = document.getElementById('pipeline-chart');
  if (!element || typeof echarts === 'undefined') {
    return;
  }
  const data = JSON.parse(element.dataset.chart);
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: data.stages },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: element.dataset.label, type: 'bar', data: data.counts }]
  });
  window.addEventListener('resize', () => chart.resize());
});
