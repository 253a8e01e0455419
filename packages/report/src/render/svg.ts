/**
 * Charts as inline SVG, drawn here (no script, no network): grouped bars, a histogram, horizontal bars and lines.
 * Every bar is a `rect.bar` and every point a `circle.point` with a `<title>` giving its value, and the SVG has
 * `role="img"` with a title and a description; the HTML puts the same numbers in a table beside it.
 */
import type { Chart } from '../result.js';
import { formatCell } from './format.js';

const W = 720;
const H = 300;
const PAD = { left: 72, right: 16, top: 16, bottom: 56 };
const COLOURS = ['#1f5fa8', '#d9822b', '#2e8540', '#8e44ad', '#c0392b'];

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function valueText(chart: Chart, value: number): string {
  return formatCell(value, chart.unit === 'money' ? 'money' : chart.unit === 'ratio' ? 'ratio' : 'count');
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

function yAxis(chart: Chart, top: number): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const plot = H - PAD.top - PAD.bottom;
  return ticks
    .map((t) => {
      const y = PAD.top + plot * (1 - t);
      return `<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}"/><text class="tick" x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${escapeXml(valueText(chart, top * t))}</text>`;
    })
    .join('');
}

function xLabels(categories: readonly string[], band: number): string {
  return categories
    .map((c, i) => {
      const x = PAD.left + band * (i + 0.5);
      return `<text class="label" x="${x}" y="${H - PAD.bottom + 16}" text-anchor="end" transform="rotate(-35 ${x} ${H - PAD.bottom + 16})">${escapeXml(c)}</text>`;
    })
    .join('');
}

function legend(chart: Chart): string {
  return chart.series
    .map(
      (s, i) =>
        `<g class="legend"><rect x="${PAD.left + i * 150}" y="${H - 14}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/><text x="${PAD.left + i * 150 + 14}" y="${H - 5}">${escapeXml(s.label)}</text></g>`,
    )
    .join('');
}

function columns(chart: Chart): string {
  const values = chart.series.flatMap((s) => s.values.map((v) => v ?? 0));
  const top = niceMax(Math.max(0, ...values));
  const plot = H - PAD.top - PAD.bottom;
  const band = (W - PAD.left - PAD.right) / Math.max(1, chart.categories.length);
  const barW = (band * 0.8) / Math.max(1, chart.series.length);
  const bars = chart.categories.flatMap((category, ci) =>
    chart.series.map((s, si) => {
      const v = Math.max(0, s.values[ci] ?? 0);
      const h = (v / top) * plot;
      const x = PAD.left + band * ci + band * 0.1 + barW * si;
      return `<rect class="bar" data-series="${escapeXml(s.key)}" data-category="${escapeXml(category)}" x="${x.toFixed(1)}" y="${(PAD.top + plot - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[si % COLOURS.length]}"><title>${escapeXml(`${s.label}, ${category}: ${valueText(chart, v)}`)}</title></rect>`;
    }),
  );
  return `${yAxis(chart, top)}${bars.join('')}${xLabels(chart.categories, band)}${chart.series.length > 1 ? legend(chart) : ''}`;
}

function horizontal(chart: Chart): string {
  const series = chart.series[0];
  if (series === undefined) return '';
  const top = niceMax(Math.max(0, ...series.values.map((v) => v ?? 0)));
  const left = 220;
  const rowH = (H - PAD.top - 8) / Math.max(1, chart.categories.length);
  return chart.categories
    .map((category, i) => {
      const v = series.values[i] ?? 0;
      const w = (v / top) * (W - left - PAD.right - 40);
      const y = PAD.top + rowH * i;
      return `<text class="label" x="${left - 6}" y="${(y + rowH * 0.6).toFixed(1)}" text-anchor="end">${escapeXml(category.length > 32 ? `${category.slice(0, 31)}…` : category)}</text><rect class="bar" data-series="${escapeXml(series.key)}" data-category="${escapeXml(category)}" x="${left}" y="${(y + rowH * 0.15).toFixed(1)}" width="${w.toFixed(1)}" height="${(rowH * 0.7).toFixed(1)}" fill="${COLOURS[0]}"><title>${escapeXml(`${category}: ${valueText(chart, v)}`)}</title></rect><text class="value" x="${(left + w + 4).toFixed(1)}" y="${(y + rowH * 0.6).toFixed(1)}">${escapeXml(valueText(chart, v))}</text>`;
    })
    .join('');
}

function lines(chart: Chart): string {
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = niceMax(Math.max(1, ...values));
  const plot = H - PAD.top - PAD.bottom;
  const band = (W - PAD.left - PAD.right) / Math.max(1, chart.categories.length);
  const drawn = chart.series.map((s, si) => {
    const points = s.values
      .map((v, i) =>
        v === null ? undefined : { x: PAD.left + band * (i + 0.5), y: PAD.top + plot * (1 - v / top), v, i },
      )
      .filter((p) => p !== undefined);
    const colour = COLOURS[si % COLOURS.length];
    const path =
      points.length > 1
        ? `<polyline class="line" fill="none" stroke="${colour}" stroke-width="2" points="${points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}"/>`
        : '';
    const dots = points
      .map(
        (p) =>
          `<circle class="point" data-series="${escapeXml(s.key)}" data-category="${escapeXml(chart.categories[p.i] ?? '')}" cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="4" fill="${colour}"><title>${escapeXml(`${s.label}, ${chart.categories[p.i]}: ${valueText(chart, p.v)}`)}</title></circle>`,
      )
      .join('');
    return path + dots;
  });
  return `${yAxis(chart, top)}${drawn.join('')}${xLabels(chart.categories, band)}${legend(chart)}`;
}

/** One chart as an SVG element, labelled by `id`-title and `id`-desc for screen readers. */
export function renderChartSvg(chart: Chart, description: string): string {
  const body = chart.kind === 'hbars' ? horizontal(chart) : chart.kind === 'lines' ? lines(chart) : columns(chart);
  const id = `chart-${chart.id}`;
  return `<svg class="chart chart-${chart.kind}" id="${id}" data-chart="${escapeXml(chart.id)}" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>${body}</svg>`;
}
