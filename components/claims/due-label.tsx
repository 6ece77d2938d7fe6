/** A due time as "due 2025-03-04 14:05 UTC", marked when it has passed (words and a mark, not colour alone). */
export function DueLabel({ dueAt, now }: { dueAt: string | null; now?: number }) {
  if (!dueAt) return null;
  // eslint-disable-next-line react-hooks/purity -- "overdue" is relative to the moment of rendering, by design
  const overdue = new Date(dueAt).getTime() < (now ?? Date.now());
  return (
    <span className={`whitespace-nowrap text-xs ${overdue ? "font-semibold text-red-800" : "text-slate-700"}`} data-due={dueAt}>
      {overdue ? "⚑ overdue, was due " : "◷ due "}
      {dueAt.slice(0, 10)} {dueAt.slice(11, 16)} UTC
    </span>
  );
}
