"use client";
import { Button } from "@/components/ui/button";
import type { ArticleTextState } from "@/components/claims/use-article-text";

const TEXT_BOX = "rounded-lg border border-slate-200 bg-white px-8 py-6 font-serif text-[18px] leading-[1.75] shadow-sm";

/**
 * What stands in the text's place until it is there: a calm, announced status (not a blank
 * page), with the box already at the text's place and a screen's height, so the text arriving
 * does not push the page around; or why it could not be read, with a way to try again.
 */
export function ArticleTextStatus({ state }: { state: Exclude<ArticleTextState, { status: "ready" }> }) {
  if (state.status === "error") {
    return (
      <div className={`${TEXT_BOX} min-h-[60vh]`} aria-busy="false" data-text-box>
        <div role="alert" className="font-sans text-sm text-red-900">
          <p className="font-semibold">⚠ {state.message}</p>
          <Button type="button" variant="secondary" className="mt-3" onClick={state.retry}>
            Try again
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className={`${TEXT_BOX} min-h-[60vh]`} aria-busy="true" aria-label="Article text" data-text-box>
      <p role="status" className="font-sans text-sm text-slate-600">
        Loading the article text…
      </p>
      {/* Grey lines where the text will be: shape only, hidden from assistive technology. */}
      <div aria-hidden className="mt-4 space-y-3">
        {[92, 100, 96, 88, 100, 72, 0, 95, 100, 84, 98, 60].map((w, i) =>
          w === 0 ? <div key={i} className="h-4" /> : <div key={i} className="h-3.5 rounded bg-slate-100" style={{ width: `${w}%` }} />,
        )}
      </div>
    </div>
  );
}
