// Small charts as plain SVG (no chart library): horizontal bars and monthly columns; and the figure tiles
// and colour swatches around them. Each chart is an
// <svg role="img"> with a <title>, and the numbers are also printed as text, so a screen reader and a
// keyboard user get the same figures as the eye.
import { h } from "./dom";

const SVG = "http://www.w3.org/2000/svg";

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface Series {
  label: string;
  values: number[];
  color: string;
}

const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const LABEL_WIDTH = 130; // px of the 320-px view box given to the labels
const WIDTH = 320;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: (SVGElement | string)[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  for (const child of children) node.append(child);
  return node;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars, longest first as given; `format` prints the value at the end of each bar. */
export function barChart(title: string, bars: Bar[], format: (value: number) => string = String): SVGSVGElement {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const height = Math.max(1, bars.length) * (BAR_HEIGHT + BAR_GAP);
  const room = WIDTH - LABEL_WIDTH - 44;
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${height}`, role: "img", class: "gp-chart", width: "100%" },
    svg("title", {}, title),
  );
  bars.forEach((bar, i) => {
    const y = i * (BAR_HEIGHT + BAR_GAP);
    const width = Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * room);
    chart.append(
      svg("text", { x: LABEL_WIDTH - 6, y: y + BAR_HEIGHT - 5, "text-anchor": "end" }, shorten(bar.label, 22)),
      svg("rect", { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, fill: bar.color ?? "#1f78b4", rx: 2 }),
      svg("text", { x: LABEL_WIDTH + width + 4, y: y + BAR_HEIGHT - 5 }, format(bar.value)),
    );
  });
  return chart;
}

/** Grouped columns per month (one column per series), with a legend; months as "YYYY-MM". */
export function monthChart(title: string, months: string[], series: Series[]): SVGSVGElement {
  const height = 150;
  const top = 10;
  const bottom = 22;
  const left = 28;
  const plot = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (WIDTH - left) / Math.max(1, months.length);
  const column = Math.max(1, (slot - 2) / Math.max(1, series.length));
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${WIDTH} ${height + 16}`, role: "img", class: "gp-chart", width: "100%" },
    svg("title", {}, title),
    svg("line", { x1: left, y1: top + plot, x2: WIDTH, y2: top + plot, stroke: "#9aa5b1" }),
    svg("text", { x: left - 4, y: top + 8, "text-anchor": "end" }, String(max)),
    svg("text", { x: left - 4, y: top + plot, "text-anchor": "end" }, "0"),
  );
  const labelEvery = Math.ceil(months.length / 6);
  months.forEach((month, m) => {
    series.forEach((s, k) => {
      const value = s.values[m] ?? 0;
      const barHeight = (value / max) * plot;
      chart.append(
        svg(
          "rect",
          {
            x: left + m * slot + 1 + k * column,
            y: top + plot - barHeight,
            width: column,
            height: barHeight,
            fill: s.color,
          },
          svg("title", {}, `${month} · ${s.label}: ${value}`),
        ),
      );
    });
    if (m % labelEvery === 0) {
      chart.append(svg("text", { x: left + m * slot + 1, y: height - 6 }, `${month.slice(5)}.${month.slice(2, 4)}`));
    }
  });
  let x = left;
  for (const s of series) {
    chart.append(
      svg("rect", { x, y: height + 4, width: 10, height: 10, fill: s.color }),
      svg("text", { x: x + 14, y: height + 13 }, s.label),
    );
    x += 18 + s.label.length * 6.5;
  }
  return chart;
}

/** A figure tile: the value large, its label under it; `name` marks the value for tests (data-figure). */
export function figure(label: string, value: string, name: string): HTMLElement {
  return h(
    "div",
    { class: "gp-figure" },
    h("span", { class: "gp-figure-value", "data-figure": name }, value),
    h("span", { class: "gp-figure-label" }, label),
  );
}

/** A square colour swatch of a legend. */
export function swatch(color: string): HTMLElement {
  const node = h("span", { class: "gp-swatch gp-swatch-square" });
  node.style.backgroundColor = color;
  return node;
}
