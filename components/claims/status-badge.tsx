import type { StatusDto } from "@/lib/statuses/scale";

/** A status shown as text with a colour swatch: never colour alone. */
export function StatusBadge({ status, count, size = "sm" }: { status: Pick<StatusDto, "label" | "color">; count?: number; size?: "xs" | "sm" }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border bg-white font-medium text-slate-800 ${size === "xs" ? "px-1.5 py-0 text-xs" : "px-2 py-0.5 text-xs"}`}
      style={{ borderColor: status.color }}
    >
      <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: status.color }} />
      {status.label}
      {count !== undefined ? <span className="text-slate-600">{count}</span> : null}
    </span>
  );
}
