/** Charts as PNG on the server: chart.js drawing on @napi-rs/canvas, no browser. */
import type { Canvas } from "@napi-rs/canvas";
import { Chart, registerables } from "chart.js";
import { formatPercent, formatDecimal } from "../../results/format.js";
import type { ChartImages, ReportChart, ReportModel } from "../model.js";
import { chartKey } from "../model.js";

Chart.register(...registerables);
// Large enough to read at the width the chart gets on an A4 page (600 of 800 pixels).
Chart.defaults.font.size = 15;
Chart.defaults.font.family = "DejaVu Sans, Arial, sans-serif";
Chart.defaults.color = "#222222";

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;
const colours = ["#1f4e79", "#9dc3e6", "#c55a11", "#70ad47"];

/** A value as the chart writes it: a share as percent, a mean with one decimal, an axis step whole. */
const valueText = (c: ReportChart, v: number) => (c.percent ? formatPercent(v) : formatDecimal(v, 1));

/**
 * The figure above each bar of a chart with one series and no target line ("7,9", as 002 writes "Medel 7,9" beside
 * its chart), so that the chart can be read without the table; with two series side by side the figures would run
 * into each other, and a target line would cross them.
 */
const labelled = (c: ReportChart) => c.series.length === 1 && !c.line;
const barValues = (c: ReportChart) => ({
  id: "stapelvarden",
  afterDatasetsDraw(chart: Chart) {
    if (!labelled(c)) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = "#222222";
    ctx.font = "bold 15px DejaVu Sans, Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    chart.getDatasetMeta(0).data.forEach((bar, i) => {
      const v = c.series[0].values[i];
      if (v !== null && v !== undefined) ctx.fillText(valueText(c, v), bar.x, bar.y - 4);
    });
    ctx.restore();
  },
});

export async function chartPng(c: ReportChart): Promise<Buffer> {
  // Loaded at the first chart, not at start: only a bilaga needs it (16 MiB; BENCHMARKS.md, Minne).
  const { createCanvas } = await import("@napi-rs/canvas");
  const canvas: Canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx2d = canvas.getContext("2d");
  ctx2d.fillStyle = "#ffffff";
  ctx2d.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  const scale = (v: number | null) => (v === null ? null : c.percent ? v * 100 : v);
  const chart = new Chart(canvas as unknown as HTMLCanvasElement, {
    type: "bar",
    data: {
      labels: c.labels,
      datasets: [
        ...c.series.map((s, i) => ({ type: "bar" as const, label: s.label, data: s.values.map(scale), backgroundColor: colours[i % colours.length], maxBarThickness: 90 })),
        ...(c.line ? [{
          type: "line" as const, label: c.line.label, data: c.labels.map(() => scale(c.line!.value)),
          borderColor: "#c00000", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false,
        }] : []),
      ] as never,
    },
    plugins: [barValues(c)],
    options: {
      animation: false, responsive: false, devicePixelRatio: 1,
      plugins: {
        title: { display: true, text: c.title, font: { size: 18, weight: "bold" }, padding: { top: 6, bottom: labelled(c) ? 32 : 12 } }, // room for the figure above a full bar
        legend: { display: c.series.length > 1 || !!c.line },
      },
      scales: {
        x: { title: { display: true, text: "Fråga" }, grid: { display: false } },
        y: {
          beginAtZero: true, ...(c.percent ? { max: 100 } : c.max ? { max: c.max } : {}),
          // Whole steps on a scale's axis ("0 1 2 … 10", not "0,0 1,0 …"): the answers are whole numbers.
          ticks: {
            ...(c.max && !c.percent ? { stepSize: 1 } : {}),
            callback: (v) => (c.percent ? formatPercent(Number(v) / 100) : formatDecimal(Number(v), Number.isInteger(Number(v)) ? 0 : 1)),
          },
        },
      },
    },
  });
  const png = await canvas.encode("png");
  chart.destroy();
  return Buffer.from(png);
}

/** Every chart of a model as PNG. */
export async function chartImages(model: ReportModel): Promise<ChartImages> {
  const out: ChartImages = new Map();
  for (const [si, s] of model.sections.entries()) {
    for (const [ci, c] of (s.charts ?? []).entries()) out.set(chartKey(si, ci), await chartPng(c));
  }
  return out;
}
