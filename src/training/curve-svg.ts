// A hand-written SVG of cost–quality curves: x = share of calls to the strong tier, y = mean
// quality; with the weak-only and strong-only levels as dashed reference lines.
import type { CurvePoint } from './metrics/index.ts';

export interface NamedCurve {
  name: string;
  colour: string;
  points: readonly CurvePoint[];
}

const WIDTH = 640;
const HEIGHT = 420;
const MARGIN = { left: 64, right: 170, top: 30, bottom: 50 };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderCurveSvg(title: string, curves: readonly NamedCurve[], weakPerf: number, strongPerf: number): string {
  const allPerf = [weakPerf, strongPerf, ...curves.flatMap((c) => c.points.map((p) => p.perf))];
  let low = Math.min(...allPerf);
  let high = Math.max(...allPerf);
  if (high - low < 1e-6) {
    low -= 0.05;
    high += 0.05;
  }
  const pad = (high - low) * 0.08;
  low -= pad;
  high += pad;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (pct: number): number => MARGIN.left + (pct / 100) * plotWidth;
  const y = (perf: number): number => MARGIN.top + (1 - (perf - low) / (high - low)) * plotHeight;
  const fixed = (value: number): string => value.toFixed(2);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="14">${escapeXml(title)}</text>`,
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444"/>`,
  ];
  for (let tick = 0; tick <= 100; tick += 20) {
    parts.push(`<line x1="${fixed(x(tick))}" y1="${MARGIN.top + plotHeight}" x2="${fixed(x(tick))}" y2="${MARGIN.top + plotHeight + 5}" stroke="#444"/>`);
    parts.push(`<text x="${fixed(x(tick))}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${tick}%</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const perf = low + ((high - low) * i) / 4;
    parts.push(`<text x="${MARGIN.left - 6}" y="${fixed(y(perf) + 4)}" text-anchor="end">${perf.toFixed(3)}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle">calls to the strong tier</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">mean quality</text>`);
  for (const [level, label] of [
    [weakPerf, 'weak only'],
    [strongPerf, 'strong only'],
  ] as const) {
    parts.push(`<line x1="${MARGIN.left}" y1="${fixed(y(level))}" x2="${MARGIN.left + plotWidth}" y2="${fixed(y(level))}" stroke="#999" stroke-dasharray="4 4"/>`);
    parts.push(`<text x="${MARGIN.left + plotWidth + 6}" y="${fixed(y(level) + 4)}" fill="#777">${label}</text>`);
  }
  curves.forEach((curve, index) => {
    const path = curve.points.map((p) => `${fixed(x(p.pct))},${fixed(y(p.perf))}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${curve.colour}" stroke-width="2"/>`);
    const legendY = MARGIN.top + 40 + index * 18;
    parts.push(`<line x1="${MARGIN.left + plotWidth + 6}" y1="${legendY}" x2="${MARGIN.left + plotWidth + 26}" y2="${legendY}" stroke="${curve.colour}" stroke-width="2"/>`);
    parts.push(`<text x="${MARGIN.left + plotWidth + 30}" y="${legendY + 4}">${escapeXml(curve.name)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
