// The report as one self-contained HTML document: styles, fonts (base64
// WOFF2), the logo (data URL), Plotly and the charts' JSON are all inline, so
// the file opens offline and can be e-mailed. It references no URL at all:
// docs/REPORTS.md says exactly what the tests check. The same document makes
// the PDF: its script lays the report out on A4 pages (cover, contents with
// page numbers, running header and footer) when asked — cwReport.preparePrint().
import { cspHash, fontFaceCss, plotlyScript } from './assets.js';
import { REPORT_FONT, type Block, type ReportModel, type ReportTable, type SectionModel } from './document.js';
import { formatter, type CellFormat } from './format.js';
import { fill } from './strings.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside a <script type="application/json">: nothing in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const CSS = `
:root{--ink:#1d2330;--muted:#5f6778;--accent:#1f4e8c;--accent-soft:#e8eef8;--border:#dde2ea;--zebra:#f6f8fb;--note:#fff8e6;--note-border:#f0c36d}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#eef1f5;color:var(--ink);font-family:'${REPORT_FONT}','Noto Sans SC','Noto Sans CJK SC',system-ui,sans-serif;font-size:14px;line-height:1.55}
#cw-doc{max-width:1040px;margin:0 auto;background:#fff;padding:0 48px 48px;box-shadow:0 0 0 1px var(--border)}
h1,h2,h3{font-weight:700;line-height:1.25;color:var(--ink)}
h2.cw-h2{font-size:24px;margin:48px 0 12px;padding-top:16px;border-top:3px solid var(--accent)}
h3.cw-caption{font-size:14px;margin:20px 0 6px;color:var(--accent)}
p.cw-p{margin:8px 0;max-width:80ch}
.cw-cover{margin:0 -48px;padding:40px 48px 32px;background:linear-gradient(135deg,#17365f 0%,#1f4e8c 60%,#2f6fb8 100%);color:#fff;position:relative}
.cw-cover h1{color:#fff;font-size:40px;margin:56px 0 8px;letter-spacing:-0.01em}
.cw-cover .cw-client{font-size:20px;margin:0 0 28px;opacity:.95}
.cw-logo-box{position:absolute;top:28px;right:48px;background:#fff;border-radius:6px;padding:8px 12px;max-width:40%}
.cw-logo{display:block;max-height:56px;max-width:100%;object-fit:contain}
.cw-meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:0 0 28px;padding:0;list-style:none;font-size:13px;opacity:.95}
.cw-cover .cw-kpis{margin:0}
.cw-cover .cw-kpi{background:rgba(255,255,255,.1);border-color:rgba(255,255,255,.25);color:#fff}
.cw-cover .cw-kpi-label,.cw-cover .cw-kpi-hint{color:rgba(255,255,255,.85)}
.cw-cover .cw-kpi-value{color:#fff}
.cw-generated{font-size:12px;opacity:.8;margin:24px 0 0}
.cw-toc{margin:32px 0 0}
.cw-toc-heading{font-size:20px;margin:0 0 8px}
.cw-toc-list{list-style:none;margin:0;padding:0;counter-reset:toc}
.cw-toc-list li{counter-increment:toc;border-bottom:1px dotted var(--border)}
.cw-toc-list a{display:flex;gap:12px;padding:6px 0;color:var(--ink);text-decoration:none}
.cw-toc-list a:hover .cw-toc-title{color:var(--accent);text-decoration:underline}
.cw-toc-list .cw-toc-title{flex:1}
.cw-toc-list .cw-toc-title::before{content:counter(toc) '. ';color:var(--muted)}
.cw-toc-page{color:var(--muted);font-variant-numeric:tabular-nums}
.cw-kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:10px;margin:16px 0}
.cw-kpi{border:1px solid var(--border);border-radius:8px;padding:10px 12px;background:#fff}
.cw-kpi-label{font-size:12px;color:var(--muted)}
.cw-kpi-value{font-size:24px;font-weight:700;color:var(--accent);font-variant-numeric:tabular-nums;line-height:1.3}
.cw-kpi-hint{font-size:11px;color:var(--muted)}
.cw-note{background:var(--note);border-left:4px solid var(--note-border);padding:8px 12px;margin:12px 0;border-radius:0 6px 6px 0}
.cw-note strong{display:block;font-size:12px;color:#8a6414;margin-bottom:2px}
.cw-note p{margin:0;white-space:pre-wrap}
.cw-chart{margin:18px 0;break-inside:avoid}
.cw-chart figcaption{font-weight:700;font-size:14px;color:var(--accent);margin:0 0 4px}
.cw-plot{width:100%}
.cw-placeholder{margin:0;padding:16px;border:1px dashed var(--border);color:var(--muted);font-size:12px;height:100%}
.cw-table{margin:12px 0 20px;overflow-x:auto}
.cw-table table{border-collapse:collapse;width:100%;font-size:12px;font-variant-numeric:tabular-nums}
.cw-table th{background:var(--accent-soft);color:var(--ink);text-align:left;font-weight:700;padding:5px 8px;border-bottom:2px solid var(--accent);vertical-align:bottom}
.cw-table td{padding:4px 8px;border-bottom:1px solid var(--border);vertical-align:top;white-space:nowrap}
.cw-table td.wrap{white-space:normal;min-width:16em}
.cw-table th.wrap{min-width:16em}
.cw-table tbody tr:nth-child(even) td{background:var(--zebra)}
.cw-table .num{text-align:right;white-space:nowrap}
.cw-table td.mono{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:10px;word-break:break-all;white-space:normal;min-width:18em}
.cw-table-note{font-size:11px;color:var(--muted);margin:4px 0 0}
.cw-defs{margin:12px 0;padding:0}
.cw-defs>div{display:grid;grid-template-columns:220px 1fr;gap:12px;padding:6px 0;border-bottom:1px solid var(--border)}
.cw-defs dt{font-weight:700}
.cw-defs dd{margin:0}
.cw-colophon{font-size:12px;color:var(--muted);margin-top:40px}
#cw-pages{display:none}
@media print{
  body{background:#fff}
  #cw-doc{max-width:none;box-shadow:none;padding:0}
  .cw-cover{margin:0;break-after:page}
  .cw-toc{break-after:page}
  h2.cw-h2{break-before:page;margin-top:0}
  .modebar-container{display:none!important}
  .cw-table{overflow:visible}
  .cw-table tr,.cw-defs>div,.cw-kpi{break-inside:avoid}
}
/* Printed from a browser as it is: A4 with margins. cwReport.preparePrint() (the PDF) sets margin 0 and lays out its own pages. */
@page{size:A4;margin:14mm 12mm}
body.cw-print{background:#fff;font-size:9.5pt;line-height:1.45}
body.cw-print #cw-doc{display:none}
body.cw-print #cw-pages{display:block}
.cw-page{width:210mm;height:296.8mm;padding:12mm 16mm 10mm;display:flex;flex-direction:column;overflow:hidden;position:relative;background:#fff;break-after:page;page-break-after:always}
.cw-page:last-child{break-after:auto;page-break-after:auto}
.cw-page-head{flex:none;height:9mm;display:flex;justify-content:space-between;align-items:flex-start;gap:8mm;font-size:7.5pt;color:var(--muted);border-bottom:.5pt solid var(--border)}
.cw-page-head span:last-child{text-align:right}
.cw-page-body{flex:1 1 auto;min-height:0;overflow:hidden;padding-top:5mm}
.cw-page-foot{flex:none;height:8mm;display:flex;justify-content:space-between;align-items:flex-end;font-size:7.5pt;color:var(--muted);border-top:.5pt solid var(--border)}
.cw-page-body>:first-child{margin-top:0}
.cw-print h2.cw-h2{font-size:17pt;margin:0 0 3mm;padding-top:3mm}
.cw-print h3.cw-caption{font-size:10pt;margin:4mm 0 1.5mm}
.cw-print p.cw-p{margin:1.6mm 0;max-width:none}
.cw-print .cw-kpis{grid-template-columns:repeat(3,1fr);gap:2.5mm;margin:3mm 0}
.cw-print .cw-kpi{padding:2mm 3mm}
.cw-print .cw-kpi-value{font-size:15pt}
.cw-print .cw-kpi-label,.cw-print .cw-kpi-hint{font-size:7.5pt}
.cw-print .cw-table{overflow:visible;margin:2mm 0 4mm}
.cw-print .cw-table table{font-size:7pt}
.cw-print .cw-table th{padding:1.2mm 1.5mm}
.cw-print .cw-table td{padding:.8mm 1.5mm}
.cw-print .cw-table td.mono{font-size:6pt}
.cw-print .cw-table td.wrap,.cw-print .cw-table th.wrap{min-width:30mm}
.cw-print .cw-chart{margin:3mm 0}
.cw-print .cw-chart figcaption{font-size:10pt}
.cw-print .cw-defs>div{grid-template-columns:45mm 1fr;gap:4mm;padding:1.5mm 0}
.cw-print .cw-toc{margin:0}
.cw-print .cw-toc-heading{font-size:17pt;margin:0 0 4mm}
.cw-print .cw-toc-list a{padding:2mm 0}
.cw-page-cover{padding:0}
.cw-page-cover .cw-cover{margin:0;height:100%;padding:22mm 20mm 16mm;display:flex;flex-direction:column}
.cw-page-cover .cw-cover h1{font-size:30pt;margin:40mm 0 3mm}
.cw-page-cover .cw-cover .cw-client{font-size:15pt;margin-bottom:10mm}
.cw-page-cover .cw-logo-box{top:18mm;right:20mm}
.cw-page-cover .cw-generated{margin-top:auto}
@media screen{body.cw-print{background:#8a919e}body.cw-print .cw-page{margin:8px auto;box-shadow:0 1px 6px rgba(0,0,0,.35)}}
`;

/**
 * Draws the charts (interactive on screen, static for print) and, for the PDF,
 * moves the content onto fixed A4 pages: every section starts a page, tables
 * and definition lists split between rows with their header repeated, a
 * heading never ends a page, and the contents get their page numbers. A fixed
 * text: its hash is in shared/reports.ts (REPORT_SCRIPT_HASHES).
 */
export const BOOTSTRAP_SCRIPT = `(function () {
  'use strict';
  var doc = document;
  var spec = JSON.parse(doc.getElementById('cw-report-data').textContent);
  var charts = spec.charts;
  var screenConfig = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ['lasso2d', 'select2d'], typesetMath: false };
  var printConfig = { staticPlot: true, displayModeBar: false, responsive: false, typesetMath: false };

  function fontsReady() {
    if (!doc.fonts) return Promise.resolve();
    var loads = [];
    doc.fonts.forEach(function (face) { loads.push(face.load().catch(function () {})); });
    return Promise.all(loads).then(function () { return doc.fonts.ready; });
  }

  function draw(print, width) {
    if (typeof Plotly === 'undefined') return Promise.resolve();
    return Promise.all(charts.map(function (chart) {
      var el = doc.getElementById('cw-chart-' + chart.id);
      if (!el) return null;
      if (el.getAttribute('data-drawn')) Plotly.purge(el);
      el.textContent = '';
      el.setAttribute('data-drawn', '1');
      var layout = Object.assign({}, chart.layout, { height: chart.height, autosize: !print });
      if (print) layout.width = width;
      return Plotly.newPlot(el, chart.data, layout, print ? printConfig : screenConfig);
    }));
  }

  var ready = fontsReady().then(function () { return draw(false); });

  function el(tag, cls, text) {
    var node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function overflows(body) { return body.scrollHeight > body.clientHeight + 1; }

  function paginate() {
    var root = doc.getElementById('cw-pages');
    var pages = [];
    var head = spec.header;

    function newPage(title) {
      var page = el('div', 'cw-page');
      var top = el('div', 'cw-page-head');
      top.appendChild(el('span', '', head));
      top.appendChild(el('span', '', title));
      var body = el('div', 'cw-page-body');
      var foot = el('div', 'cw-page-foot');
      foot.appendChild(el('span', '', spec.footer));
      foot.appendChild(el('span', 'cw-page-number', ''));
      page.appendChild(top);
      page.appendChild(body);
      page.appendChild(foot);
      root.appendChild(page);
      pages.push(page);
      return body;
    }

    // A heading (or a note) left last on a page moves to the next one with what follows it.
    function carryOver(body) {
      var carry = [];
      while (body.children.length > 1 && body.lastElementChild.matches('h2, .cw-keep')) carry.unshift(body.removeChild(body.lastElementChild));
      return carry;
    }

    function moveToNewPage(node, body, title) {
      body.removeChild(node);
      var carry = carryOver(body);
      var next = newPage(title);
      carry.forEach(function (c) { next.appendChild(c); });
      next.appendChild(node);
      return next;
    }

    // Splits a table (rows) or a list (items) at the first part that does not fit.
    function split(node, body, title) {
      var isTable = node.classList.contains('cw-table');
      for (var guard = 0; guard < 1000 && overflows(body); guard++) {
        var parts = isTable ? node.querySelectorAll('tbody > tr') : node.children;
        var limit = body.getBoundingClientRect().top + body.clientHeight;
        var cut = -1;
        for (var i = 0; i < parts.length; i++) {
          if (parts[i].getBoundingClientRect().bottom > limit + 0.5) { cut = i; break; }
        }
        if (cut === 0 || cut === -1) {
          if (body.firstElementChild === node && cut === 0) return body;
          if (cut === -1) {
            var tail = node.lastElementChild;
            if (!tail || !tail.classList.contains('cw-table-note')) return body;
            node.removeChild(tail);
            body = newPage(title);
            body.appendChild(tail);
            return body;
          }
          body = moveToNewPage(node, body, title);
          continue;
        }
        var rest = node.cloneNode(false);
        var rows = Array.prototype.slice.call(parts, cut);
        if (isTable) {
          var caption = node.querySelector('.cw-caption');
          if (caption) {
            var again = caption.cloneNode(true);
            again.textContent = caption.getAttribute('data-title') + ' ' + spec.continued;
            rest.appendChild(again);
          }
          var table = node.querySelector('table');
          if (node.style.zoom) rest.style.zoom = node.style.zoom;
          var copy = table.cloneNode(false);
          copy.appendChild(table.querySelector('thead').cloneNode(true));
          var tbody = doc.createElement('tbody');
          rows.forEach(function (r) { tbody.appendChild(r); });
          copy.appendChild(tbody);
          rest.appendChild(copy);
          var note = node.querySelector('.cw-table-note');
          if (note) rest.appendChild(note);
        } else {
          rows.forEach(function (r) { rest.appendChild(r); });
        }
        body = newPage(title);
        body.appendChild(rest);
        node = rest;
      }
      return body;
    }

    var cover = doc.getElementById('cw-cover');
    var coverPage = el('div', 'cw-page cw-page-cover');
    coverPage.appendChild(cover);
    root.appendChild(coverPage);
    pages.push(coverPage);

    var body = null;
    var flows = doc.querySelectorAll('#cw-doc > .cw-flow');
    for (var f = 0; f < flows.length; f++) {
      var flow = flows[f];
      var title = flow.getAttribute('data-title');
      if (!body || !flow.hasAttribute('data-continue')) body = newPage(title);
      var items = Array.prototype.slice.call(flow.children);
      for (var n = 0; n < items.length; n++) {
        var item = items[n];
        body.appendChild(item);
        // A table wider than the page is scaled down to fit it.
        if (item.classList.contains('cw-table') && item.scrollWidth > body.clientWidth + 1) {
          item.style.zoom = String(Math.floor((body.clientWidth / item.scrollWidth) * 1000) / 1000);
        }
        if (!overflows(body)) continue;
        if (item.classList.contains('cw-table') || item.classList.contains('cw-defs') || item.classList.contains('cw-toc-list')) body = split(item, body, title);
        else if (body.firstElementChild !== item) body = moveToNewPage(item, body, title);
      }
    }

    var total = pages.length;
    pages.forEach(function (page, i) {
      var number = page.querySelector('.cw-page-number');
      if (number) number.textContent = spec.pageOf.replace('{{page}}', String(i + 1)).replace('{{pages}}', String(total));
    });
    var targets = doc.querySelectorAll('.cw-toc-page');
    for (var t = 0; t < targets.length; t++) {
      var target = doc.getElementById(targets[t].getAttribute('data-target'));
      var page = target && target.closest('.cw-page');
      targets[t].textContent = page ? String(pages.indexOf(page) + 1) : '';
    }
    return total;
  }

  // Printed from a browser as it is: the charts take the page's width while it prints.
  var printing = false;
  window.addEventListener('beforeprint', function () {
    if (prepared || typeof Plotly === 'undefined') return;
    printing = true;
    charts.forEach(function (chart) {
      var el = doc.getElementById('cw-chart-' + chart.id);
      if (el && el.getAttribute('data-drawn')) Plotly.relayout(el, { width: 680, autosize: false });
    });
  });
  window.addEventListener('afterprint', function () {
    if (!printing) return;
    printing = false;
    charts.forEach(function (chart) {
      var el = doc.getElementById('cw-chart-' + chart.id);
      if (el && el.getAttribute('data-drawn')) Plotly.relayout(el, { width: null, autosize: true });
    });
  });

  var prepared = null;
  function preparePrint() {
    if (!prepared) {
      prepared = ready.then(function () {
        var page = doc.createElement('style');
        page.textContent = '@page{size:A4;margin:0}';
        doc.head.appendChild(page);
        doc.body.classList.add('cw-print');
        var probe = el('div', 'cw-page');
        var probeBody = el('div', 'cw-page-body');
        probe.appendChild(probeBody);
        doc.getElementById('cw-pages').appendChild(probe);
        var width = Math.floor(probeBody.clientWidth);
        probe.remove();
        return draw(true, width);
      }).then(fontsReady).then(function () {
        var pages = paginate();
        return fontsReady().then(function () { return pages; });
      });
    }
    return prepared;
  }

  window.cwReport = { ready: ready, preparePrint: preparePrint };
})();
`;

/** Text columns whose cells are sentences: they wrap; every other cell stays on one line. */
const WRAPPED = new Set(['differs_in', 'examples', 'value', 'default', 'reason', 'check', 'verdict', 'item']);

function renderTable(model: ReportModel, table: ReportTable, keys?: string[], note?: string, compact = false, title = table.title): string {
  const format = formatter(model.language, model.currency);
  const f = (value: unknown, kind: CellFormat) => (compact && kind === 'percent' && typeof value === 'number' ? format.percent(value, 1) : format(value, kind));
  const shown = keys ? keys.map((key) => table.columns.findIndex((c) => c.key === key)).filter((i) => i >= 0) : table.columns.map((_, i) => i);
  const numeric = (i: number) => table.columns[i]!.format !== 'text';
  // Amounts are labelled once, in the caption, rather than in every column.
  const suffix = model.currency ? ` (${model.currency})` : '';
  const money = shown.some((i) => table.columns[i]!.format === 'money');
  const columnLabel = (i: number) => {
    const column = table.columns[i]!;
    return column.format === 'money' && suffix && column.label.endsWith(suffix) ? column.label.slice(0, -suffix.length) : column.label;
  };
  const caption = money && suffix ? `${title}${suffix}` : title;
  const head = shown.map((i) => `<th${numeric(i) ? ' class="num"' : WRAPPED.has(table.columns[i]!.key) ? ' class="wrap"' : ''}>${escapeHtml(columnLabel(i))}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const cells = shown.map((i) => {
        const column = table.columns[i]!;
        const cls = column.key === 'sha256' ? ' class="mono"' : numeric(i) ? ' class="num"' : WRAPPED.has(column.key) ? ' class="wrap"' : '';
        return `<td${cls}>${escapeHtml(f(row[i], column.format))}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return (
    `<div class="cw-table" data-table="${escapeHtml(table.id)}"><h3 class="cw-caption" data-title="${escapeHtml(caption)}">${escapeHtml(caption)}</h3>` +
    `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` +
    `${note ? `<p class="cw-table-note">${escapeHtml(note)}</p>` : ''}</div>`
  );
}

function renderKpis(items: { label: string; text: string; hint: string }[]): string {
  return `<div class="cw-kpis">${items
    .map(
      (k) =>
        `<div class="cw-kpi"><div class="cw-kpi-label">${escapeHtml(k.label)}</div><div class="cw-kpi-value">${escapeHtml(k.text)}</div>` +
        `${k.hint ? `<div class="cw-kpi-hint">${escapeHtml(k.hint)}</div>` : ''}</div>`,
    )
    .join('')}</div>`;
}

function renderBlock(model: ReportModel, block: Block): string {
  const s = model.strings;
  switch (block.type) {
    case 'paragraphs':
      return block.items.map((p) => `<p class="cw-p">${escapeHtml(p)}</p>`).join('');
    case 'note':
      return `<aside class="cw-note"><strong>${escapeHtml(s.note)}</strong><p>${escapeHtml(block.text)}</p></aside>`;
    case 'kpis':
      return renderKpis(block.items);
    case 'chart':
      return (
        `<figure class="cw-chart"><figcaption>${escapeHtml(block.chart.title)}</figcaption>` +
        `<div class="cw-plot" id="cw-chart-${escapeHtml(block.chart.id)}" style="height:${block.chart.height}px">` +
        `<p class="cw-placeholder">${escapeHtml(fill(s.chartPlaceholder, { title: block.chart.title }))}</p></div></figure>`
      );
    case 'table':
      return renderTable(model, block.table, block.columns, block.note, block.compact, block.title);
    case 'definitions':
      return `${block.title ? `<h3 class="cw-caption cw-keep">${escapeHtml(block.title)}</h3>` : ''}<dl class="cw-defs">${block.items.map((d) => `<div><dt>${escapeHtml(d.term)}</dt><dd>${escapeHtml(d.text)}</dd></div>`).join('')}</dl>`;
  }
}

function renderSection(model: ReportModel, section: SectionModel, extraAttributes = ''): string {
  return (
    `<section class="cw-flow" data-title="${escapeHtml(section.title)}"${extraAttributes}>` +
    `<h2 class="cw-h2" id="sec-${section.id}">${escapeHtml(section.title)}</h2>` +
    section.blocks.map((block) => renderBlock(model, block)).join('') +
    `</section>`
  );
}

function renderCover(model: ReportModel): string {
  const s = model.strings;
  const meta = [
    model.author ? fill(s.preparedBy, { author: model.author }) : null,
    fill(s.reportDate, { date: model.date }),
    fill(s.dataAsOf, { month: model.asOfMonth }),
  ].filter((m): m is string => m !== null);
  return (
    `<header class="cw-cover" id="cw-cover">` +
    (model.logo ? `<div class="cw-logo-box"><img class="cw-logo" src="${escapeHtml(model.logo)}" alt=""></div>` : '') +
    `<h1>${escapeHtml(model.title)}</h1>` +
    (model.client ? `<p class="cw-client">${escapeHtml(fill(s.preparedFor, { client: model.client }))}</p>` : '') +
    `<ul class="cw-meta">${meta.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>` +
    renderKpis(model.headline.slice(0, 6)) +
    `<p class="cw-generated">${escapeHtml(fill(s.generatedBy, { version: model.appVersion }))}</p>` +
    `</header>`
  );
}

function renderToc(model: ReportModel): string {
  const s = model.strings;
  const entries = [model.sources, ...model.sections];
  return (
    `<nav class="cw-flow cw-toc" data-title="${escapeHtml(s.contents)}"><h2 class="cw-toc-heading">${escapeHtml(s.contents)}</h2>` +
    `<ol class="cw-toc-list">${entries
      .map(
        (e) =>
          `<li><a href="#sec-${e.id}"><span class="cw-toc-title">${escapeHtml(e.title)}</span><span class="cw-toc-page" data-target="sec-${e.id}"></span></a></li>`,
      )
      .join('')}</ol></nav>`
  );
}

/** Characters drawn in bold (for the bold font pieces). */
function boldText(model: ReportModel): string {
  const parts: string[] = [model.title, model.strings.contents, model.strings.note, model.sources.title];
  for (const section of [model.sources, ...model.sections]) {
    parts.push(section.title);
    for (const block of section.blocks) {
      if (block.type === 'table') parts.push(block.table.title, model.strings.continued, ...block.table.columns.map((c) => c.label));
      if (block.type === 'kpis') parts.push(...block.items.map((k) => k.text));
      if (block.type === 'chart') parts.push(block.chart.title);
      if (block.type === 'definitions') parts.push(block.title ?? '', ...block.items.map((d) => d.term));
    }
  }
  parts.push(...model.headline.map((k) => k.text));
  return parts.join('');
}

export interface RenderedHtml {
  html: string;
  /** CSP hashes of its two scripts (they equal shared/reports.ts's REPORT_SCRIPT_HASHES). */
  scriptHashes: string[];
}

export function renderHtml(model: ReportModel): string {
  return renderHtmlDocument(model).html;
}

export function renderHtmlDocument(model: ReportModel): RenderedHtml {
  const s = model.strings;
  const charts = [model.sources, ...model.sections].flatMap((section) =>
    section.blocks.flatMap((block) => (block.type === 'chart' ? [{ id: block.chart.id, data: block.chart.data, layout: block.chart.layout, height: block.chart.height }] : [])),
  );
  const header = model.client ? `${model.title} · ${model.client}` : model.title;
  const footer = `${fill(s.generatedBy, { version: model.appVersion })} · ${fill(s.dataAsOf, { month: model.asOfMonth })}`;
  const data = scriptJson({ charts, header, footer, pageOf: s.pageOf, continued: s.continued });
  const body =
    `<div id="cw-doc">${renderCover(model)}${renderToc(model)}` +
    renderSection(model, model.sources, ' data-continue="1"') +
    model.sections.map((section) => renderSection(model, section)).join('') +
    `<p class="cw-colophon">${escapeHtml(fill(s.generatedBy, { version: model.appVersion }))}</p></div><div id="cw-pages"></div>`;
  const fonts = fontFaceCss(REPORT_FONT, body + data + s.pageOf + s.continued + '0123456789', boldText(model));
  const plotly = plotlyScript();
  const title = model.client ? `${model.title} — ${model.client}` : model.title;
  const html =
    `<!DOCTYPE html>\n<html lang="${model.language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="Churn Workbench ${escapeHtml(model.appVersion)}">` +
    `<title>${escapeHtml(title)}</title>` +
    `<style>${fonts}</style><style>${CSS}</style></head>` +
    `<body>${body}` +
    `<script type="application/json" id="cw-report-data">${data}</script>` +
    `<script>${plotly}</script>` +
    `<script>${BOOTSTRAP_SCRIPT}</script>` +
    `</body></html>\n`;
  return { html, scriptHashes: [cspHash(plotly), cspHash(BOOTSTRAP_SCRIPT)] };
}
