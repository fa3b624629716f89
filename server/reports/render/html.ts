/**
 * Print-ready HTML: a standalone A4 document with print CSS, charts as images. The bilaga starts a page; its
 * sections run on (a heading is kept with what follows it), tables wrap to the page's width, and a table too
 * wide for a standing page (the same test as Word's) prints on a page turned on its side.
 */
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { formatCell, kindOf } from "./cells.js";
import { proseBlocks } from "./prose.js";
import { isWide, layoutOf } from "./page-layout.js";
import { rowGroups } from "./grouped.js";

const e = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const css = [
  "@page { size: A4; margin: 20mm 18mm; }",
  "@page bred { size: A4 landscape; margin: 15mm 18mm; }",
  "body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #111; max-width: 60rem; margin: 0 auto; padding: 1rem; }",
  "h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }",
  "h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; break-after: avoid; page-break-after: avoid; }",
  "h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; break-after: avoid; page-break-after: avoid; }",
  "h2 + p, h3 + p { break-before: avoid; }",
  "table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; break-inside: auto; font-size: 10pt; }",
  "table.bred { font-size: 8pt; } table.liggande { page: bred; }",
  "caption { text-align: left; font-style: italic; padding: 0.25rem 0; break-after: avoid; }",
  "th, td { border: 1px solid #999; padding: 0.2rem 0.35rem; vertical-align: top; overflow-wrap: break-word; hyphens: manual; }",
  "thead th { background: #eee; } tbody th { text-align: left; } thead { display: table-header-group; } tr { break-inside: avoid; }",
  "td.num { text-align: right; white-space: nowrap; }",
  "tr.grupp th { background: #f4f4f4; font-weight: bold; } tr.grupp { break-after: avoid; page-break-after: avoid; }",
  "figure { margin: 0.5rem 0 1rem; break-inside: avoid; } figcaption { font-style: italic; }",
  "img { max-width: 100%; height: auto; }",
  ".lead { font-style: italic; }",
  ".forhandsgranskning { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: center; border-bottom: 1px solid #999; padding: 0 0 0.75rem; margin: 0 0 1rem; }",
  ".forhandsgranskning a, .forhandsgranskning button { font: inherit; font-size: 1rem; min-height: 44px; display: inline-flex; align-items: center; }",
  ".forhandsgranskning button { padding: 0 1rem; }",
  ".forhandsgranskning p { margin: 0; }",
  ".tabell { overflow-x: auto; } .tabell:focus-visible { outline: 3px solid #1f4e79; outline-offset: 2px; }",
  "@media print { body { padding: 0; max-width: none; } .forhandsgranskning { display: none; } .tabell { overflow: visible; } }",
].join("\n");

/** Written text: each group's label as a subheading, then its text as paragraphs or as a list. */
function prose(t: ReportTable): string {
  return [
    '<div class="prose">',
    ...proseBlocks(t).flatMap((b) => [
      ...(b.label ? [`<h3>${e(b.label)}</h3>`] : []),
      ...b.lead.map((l) => `<p class="lead">${e(l)}</p>`),
      ...(t.prose === "list" ? [`<ul>${b.lines.map((l) => `<li>${e(l)}</li>`).join("")}</ul>`] : b.lines.map((l) => `<p>${e(l)}</p>`)),
    ]),
    "</div>",
  ].join("\n");
}

function table(t: ReportTable): string {
  if (t.prose) return prose(t);
  // A grouped table prints its first column once per group, as a row above the group's rows (a question above its options).
  const { body, groups } = t.grouped ? rowGroups(t) : { body: t, groups: null };
  const cell = (c: ReportTable["rows"][number][number], i: number) => {
    const text = e(formatCell(c, kindOf(body, i)));
    if (i === 0) return `<th scope="row">${text}</th>`;
    return kindOf(body, i) === "text" || typeof c === "string" ? `<td>${text}</td>` : `<td class="num">${text}</td>`;
  };
  const rows = (r: ReportTable["rows"]) => r.map((x) => `<tr>${x.map(cell).join("")}</tr>`);
  // Wrapped in a labelled region that scrolls on a narrow screen and can be scrolled by keyboard; printed as it is.
  return [
    `<div class="tabell" tabindex="0" role="region" aria-label="${e(t.caption)}">`,
    layoutOf(body).landscape ? '<table class="bred liggande">' : isWide(body) ? '<table class="bred">' : "<table>", `<caption>${e(t.caption)}</caption>`,
    `<thead><tr>${body.head.map((h) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>`,
    ...(groups
      ? groups.flatMap((g) => ["<tbody>", `<tr class="grupp"><th scope="rowgroup" colspan="${body.head.length}">${e(g.label)}</th></tr>`, ...rows(g.rows), "</tbody>"])
      : ["<tbody>", ...rows(t.rows), "</tbody>"]),
    "</table>", "</div>",
  ].join("\n");
}

/** The bar above a preview in the browser (not printed): back to the bilagor, print, and the files to download. */
export type PreviewBar = { back: { href: string; text: string }; downloads: { href: string; text: string }[] };

function previewBar(p: PreviewBar): string {
  return [
    '<nav class="forhandsgranskning" aria-label="Förhandsgranskning">',
    `<a href="${e(p.back.href)}">${e(p.back.text)}</a>`,
    // Shown by print.js; without JavaScript the browser's own print command is named instead.
    '<button type="button" data-skriv-ut hidden>Skriv ut</button>',
    '<p data-utan-skript>Skriv ut med webbläsarens utskrift (Ctrl+P eller Cmd+P).</p>',
    ...p.downloads.map((d) => `<a href="${e(d.href)}" download>${e(d.text)}</a>`),
    "</nav>",
    '<script src="/static/js/print.js" defer></script>',
  ].join("\n");
}

/** A whole HTML document (lang sv, one h1). Charts appear when their PNG is given; a preview gets its bar. */
export function renderHtml(model: ReportModel, charts: ChartImages = new Map(), preview?: PreviewBar): string {
  const body = model.sections.map((s, si) => [
    "<section>", `<h2>${e(s.heading)}</h2>`,
    ...s.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...(s.charts ?? []).flatMap((c, ci) => {
      const png = charts.get(chartKey(si, ci));
      return png ? [`<figure><img src="data:image/png;base64,${png.toString("base64")}" alt="${e(c.alt)}"><figcaption>${e(c.title)}</figcaption></figure>`] : [];
    }),
    ...s.tables.map(table),
    ...(s.notes?.length ? [`<ul>${s.notes.map((n) => `<li>${e(n)}</li>`).join("")}</ul>`] : []),
    "</section>",
  ].join("\n")).join("\n");
  const rules = model.rules?.length ? `<section>\n<h2>Regler för redovisningen</h2>\n<ul>${model.rules.map((r) => `<li>${e(r)}</li>`).join("")}</ul>\n</section>` : "";
  return [
    "<!doctype html>", '<html lang="sv">', "<head>", '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(model.title)}</title>`, `<style>\n${css}\n</style>`, "</head>", "<body>", ...(preview ? [previewBar(preview)] : []), "<main>",
    `<h1>${e(model.title)}</h1>`,
    ...(model.subtitle ? [`<p>${e(model.subtitle)}</p>`] : []),
    body, rules, "</main>", "</body>", "</html>", "",
  ].join("\n");
}
