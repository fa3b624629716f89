/** Print-ready HTML: a standalone A4 document with print CSS, page breaks before headings, charts as images. */
import type { ChartImages, ReportModel, ReportTable } from "../model.js";
import { chartKey } from "../model.js";
import { formatCell, kindOf } from "./cells.js";
import { proseBlocks } from "./prose.js";

const e = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const css = [
  "@page { size: A4; margin: 20mm 18mm; }",
  "body { font-family: Calibri, Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #111; max-width: 60rem; margin: 0 auto; padding: 1rem; }",
  "h2 { break-before: page; page-break-before: always; }",
  "section:first-of-type h2 { break-before: auto; page-break-before: auto; }",
  "table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; break-inside: auto; }",
  "caption { text-align: left; font-style: italic; padding: 0.25rem 0; }",
  "th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; vertical-align: top; }",
  "thead th { background: #eee; } tbody th { text-align: left; } thead { display: table-header-group; } tr { break-inside: avoid; }",
  "td.num { text-align: right; white-space: nowrap; }",
  "h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; break-after: avoid; page-break-after: avoid; }",
  "img { max-width: 100%; height: auto; break-inside: avoid; }",
  "@media print { body { padding: 0; max-width: none; } }",
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
  const cell = (c: ReportTable["rows"][number][number], i: number) => {
    const text = e(formatCell(c, kindOf(t, i)));
    if (i === 0) return `<th scope="row">${text}</th>`;
    return kindOf(t, i) === "text" || typeof c === "string" ? `<td>${text}</td>` : `<td class="num">${text}</td>`;
  };
  return [
    "<table>", `<caption>${e(t.caption)}</caption>`,
    `<thead><tr>${t.head.map((h) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>", ...t.rows.map((r) => `<tr>${r.map(cell).join("")}</tr>`), "</tbody>", "</table>",
  ].join("\n");
}

/** A whole HTML document (lang sv, one h1). Charts appear when their PNG is given. */
export function renderHtml(model: ReportModel, charts: ChartImages = new Map()): string {
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
    `<title>${e(model.title)}</title>`, `<style>\n${css}\n</style>`, "</head>", "<body>", "<main>",
    `<h1>${e(model.title)}</h1>`,
    ...(model.subtitle ? [`<p>${e(model.subtitle)}</p>`] : []),
    body, rules, "</main>", "</body>", "</html>", "",
  ].join("\n");
}
