import type { ReactNode } from "react";

/** The centred card used by the sign-in, first-run and invitation pages. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold tracking-wide text-blue-800">ClaimCheck</p>
        <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
        {intro ? <div className="mt-2 text-sm text-slate-600">{intro}</div> : null}
        <div className="mt-5">{children}</div>
      </div>
    </main>
  );
}
