import { statusMark, STATUS_TEXT_COLOR, type StatusDto } from "@/lib/statuses/scale";

/**
 * A status shown as its label, with its own mark, in white on its colour (AA contrast is checked
 * when a colour is chosen): never colour alone, and close pairs differ in shape as well as words.
 */
export function StatusBadge({ status, count, size = "sm" }: { status: Pick<StatusDto, "key" | "label" | "color">; count?: number; size?: "xs" | "sm" }) {
  return (
    <span
      data-status={status.key}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full font-medium ${size === "xs" ? "px-1.5 py-0 text-xs" : "px-2 py-0.5 text-xs"}`}
      style={{ backgroundColor: status.color, color: STATUS_TEXT_COLOR }}
    >
      <span aria-hidden className="inline-block w-3 text-center">
        {statusMark(status.key)}
      </span>
      {status.label}
      {count !== undefined ? <span className="ml-0.5 rounded-full bg-white/90 px-1.5 text-slate-900">{count}</span> : null}
    </span>
  );
}
