/**
 * The counts-per-status chart, drawn on the server as SVG. Readable without colour: every bar
 * carries its label and count as text, and bars are told apart by fill pattern as well as colour.
 */
import type { StatusDto } from "@/lib/statuses/scale";
import { escapeHtml } from "@/lib/reports/html-escape";

const PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "checks", "backdiagonal"] as const;

function patternDef(id: string, kind: (typeof PATTERNS)[number], color: string): string {
  const c = escapeHtml(color);
  const open = `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#fff"/>`;
  switch (kind) {
    case "solid":
      return `${open}<rect width="8" height="8" fill="${c}"/></pattern>`;
    case "diagonal":
      return `${open}<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${c}" stroke-width="2.2"/></pattern>`;
    case "backdiagonal":
      return `${open}<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="${c}" stroke-width="2.2"/></pattern>`;
    case "dots":
      return `${open}<circle cx="4" cy="4" r="2.2" fill="${c}"/></pattern>`;
    case "cross":
      return `${open}<path d="M0,0 l8,8 M8,0 l-8,8" stroke="${c}" stroke-width="1.6"/></pattern>`;
    case "horizontal":
      return `${open}<path d="M0,2 h8 M0,6 h8" stroke="${c}" stroke-width="2"/></pattern>`;
    case "vertical":
      return `${open}<path d="M2,0 v8 M6,0 v8" stroke="${c}" stroke-width="2"/></pattern>`;
    case "checks":
      return `${open}<rect width="4" height="4" fill="${c}"/><rect x="4" y="4" width="4" height="4" fill="${c}"/></pattern>`;
  }
}

/** A horizontal bar chart of claims per status, as an SVG element string (safe to inline). */
export function statusChartSvg(rows: { status: StatusDto; count: number }[], idPrefix = "cc"): string {
  if (rows.length === 0) return "";
  const labelWidth = 170;
  const barMax = 300;
  const rowHeight = 26;
  const width = labelWidth + barMax + 60;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(...rows.map((r) => r.count));
  const defs = rows.map((r, i) => patternDef(`${idPrefix}-p${i}`, PATTERNS[i % PATTERNS.length], /^#[0-9a-f]{6}$/i.test(r.status.color) ? r.status.color : "#475569"));
  const bars = rows.map((r, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.max(2, Math.round((r.count / max) * barMax));
    const label = r.status.label.length > 26 ? `${r.status.label.slice(0, 25)}…` : r.status.label;
    return (
      `<g><text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="13" fill="#111">${escapeHtml(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" fill="url(#${idPrefix}-p${i})" stroke="#111" stroke-width="1"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 16}" font-size="13" fill="#111">${r.count}</text></g>`
    );
  });
  const summary = rows.map((r) => `${r.status.label}: ${r.count}`).join(", ");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="cc-chart" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${escapeHtml(`Claims per status. ${summary}`)}">` +
    `<defs>${defs.join("")}</defs>${bars.join("")}</svg>`
  );
}
