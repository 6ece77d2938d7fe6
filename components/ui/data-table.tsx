import type { ReactNode } from "react";

export type Column = { label: string; hidden?: boolean };

/**
 * The app's table: a card with a header row of column names (a `hidden` label is read by
 * screen readers only, for action columns) and the caller's rows as the body.
 */
export function DataTable({ columns, caption, className = "", children }: { columns: (string | Column)[]; caption?: string; className?: string; children: ReactNode }) {
  return (
    <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      <table className="w-full text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            {columns.map((c) => {
              const col = typeof c === "string" ? { label: c } : c;
              return (
                <th key={col.label} scope="col" className="px-3 py-2 font-semibold">
                  {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
