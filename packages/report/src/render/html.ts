/**
 * One self-contained HTML file: inline CSS, inline SVG charts, no script and no external resource. Every chart
 * is followed by its numbers as a table; every report's tables are real tables; the page prints on A4/Letter.
 */

import type { Chart, ReportResult, Table } from '../result.js';
import type { ReportDocument } from '../run-report.js';
import { formatCell, freshnessLine, visibleRows, windowLine } from './format.js';
import { escapeXml, renderChartSvg } from './svg.js';

const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:0 auto;max-width:980px;padding:24px}
h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.3em;margin:2em 0 .2em;border-bottom:2px solid #1f5fa8;padding-bottom:4px}
h3{font-size:1.05em;margin:1.4em 0 .4em}.meta{color:#4a4a4a;margin:0}
table{border-collapse:collapse;width:100%;margin:.4em 0 1em;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #d6d6d6;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1f4f8}td.num,th.num{text-align:right}tr.total td{font-weight:600;border-top:2px solid #1b1b1b}
figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:4px}
svg.chart{max-width:100%;height:auto;background:#fff}svg .grid{stroke:#e3e3e3}svg text{font-size:11px;fill:#333}
.note{color:#4a4a4a;font-size:.92em}.empty{font-weight:600;color:#8a1f11}
details summary{cursor:pointer;color:#1f5fa8}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-before:page}h2:first-of-type{break-before:avoid}
figure,table{break-inside:avoid}details{display:block}details>summary{display:none}details[open]>*,details>*{display:block}
a{color:inherit}}
`;

function isNumeric(kind: string): boolean {
  return kind !== 'text' && kind !== 'date';
}

function htmlTable(table: Table, caption: string, max: number): string {
  const { rows, hidden } = visibleRows(table, max);
  if (table.rows.length === 0) return `<h3>${escapeXml(caption)}</h3><p class="note">None.</p>`;
  const head = table.columns
    .map((c) => `<th scope="col"${isNumeric(c.kind) ? ' class="num"' : ''}>${escapeXml(c.label)}</th>`)
    .join('');
  const line = (row: Table['rows'][number], cls = '') =>
    `<tr${cls}>${table.columns
      .map(
        (c) =>
          `<td${isNumeric(c.kind) ? ' class="num"' : ''}>${escapeXml(formatCell(row.cells[c.key] ?? null, c.kind))}</td>`,
      )
      .join('')}</tr>`;
  const body = rows.map((r) => line(r)).join('');
  const total = table.total === undefined ? '' : line(table.total, ' class="total"');
  const more =
    hidden > 0 ? `<p class="note">… ${hidden} more rows (every row is in the JSON and CSV formats).</p>` : '';
  return `<table><caption class="sr">${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}${total}</tbody></table>${more}`;
}

function chartTable(chart: Chart): Table {
  return {
    id: `${chart.id}-data`,
    title: chart.title,
    columns: [
      { key: 'category', label: 'Category', kind: 'text' },
      ...chart.series.map((s) => ({
        key: s.key,
        label: s.label,
        kind:
          chart.unit === 'money'
            ? ('money' as const)
            : chart.unit === 'ratio'
              ? ('ratio' as const)
              : ('count' as const),
      })),
    ],
    rows: chart.categories.map((category, i) => ({
      key: category,
      cells: { category, ...Object.fromEntries(chart.series.map((s) => [s.key, s.values[i] ?? null])) },
    })),
  };
}

function describe(chart: Chart): string {
  const parts = chart.series.map((s) => {
    const shown = s.values.filter((v) => v !== null).length;
    return `${s.label}: ${shown} value${shown === 1 ? '' : 's'}`;
  });
  return `${chart.categories.length} categories. ${parts.join('; ')}. The table after the chart holds the numbers.`;
}

function figure(chart: Chart): string {
  const data = chartTable(chart);
  return `<figure><figcaption>${escapeXml(chart.title)}</figcaption>${renderChartSvg(chart, describe(chart))}<details><summary>Data table: ${escapeXml(chart.title)}</summary>${htmlTable(data, chart.title, Number.POSITIVE_INFINITY)}</details></figure>`;
}

function section(report: ReportResult, max: number): string {
  const parts = [
    `<section id="report-${escapeXml(report.id)}" aria-labelledby="h-${escapeXml(report.id)}">`,
    `<h2 id="h-${escapeXml(report.id)}">${escapeXml(report.title)}</h2>`,
    `<p class="meta">${escapeXml(windowLine(report))}</p>`,
  ];
  if (report.empty) parts.push('<p class="empty">No data in this window.</p>');
  for (const chart of report.charts) parts.push(figure(chart));
  for (const table of report.tables)
    parts.push(`<h3>${escapeXml(table.title)}</h3>${htmlTable(table, table.title, max)}`);
  for (const note of report.notes) parts.push(`<p class="note">${escapeXml(note)}</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

export function renderReportHtml(document: ReportDocument, options: { maxRows?: number; title?: string } = {}): string {
  const max = options.maxRows ?? 50;
  const title = options.title ?? 'zlc lifecycle report';
  const nav = document.reports
    .map((r) => `<li><a href="#report-${escapeXml(r.id)}">${escapeXml(r.title)}</a></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>${STYLE}.sr{position:absolute;left:-9999px}</style>
</head>
<body>
<header><h1>${escapeXml(title)}</h1>
<p class="meta">Generated ${escapeXml(document.generatedAt.slice(0, 16).replace('T', ' '))} UTC, as of ${escapeXml(document.asOf)}. ${escapeXml(freshnessLine(document))}</p>
<nav aria-label="Reports"><ul>${nav}</ul></nav></header>
<main>
${document.reports.map((r) => section(r, max)).join('\n')}
</main>
</body>
</html>
`;
}
