"use client";

/** Opens the browser's print dialog (the report's print styles lay it out for paper). */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
      Print or save as PDF
    </button>
  );
}
