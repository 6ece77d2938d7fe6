"use client";

/** Ends the session on the server, then returns to the sign-in page. */
export function SignOutButton({ className = "rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white" }: { className?: string }) {
  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    // A full page load, not a client navigation, so nothing of the signed-in session stays in memory.
    window.location.replace("/sign-in");
  }
  return (
    <button type="button" onClick={signOut} className={className}>
      Sign out
    </button>
  );
}
