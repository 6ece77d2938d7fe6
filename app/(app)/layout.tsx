import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getCurrentSession } from "@/lib/session";
import { ROLE_LABELS } from "@/lib/permissions";


export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  // The admin requires a second factor for this role: set it up before anything else.
  if (session.mustEnrolTwoFactor) redirect("/two-factor/setup");
  const { user } = session;
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="bg-slate-900 text-white">
        <nav className="mx-auto flex max-w-[1400px] items-center gap-4 px-4 py-2" aria-label="Main">
          <Link href="/articles" className="font-semibold tracking-wide">
            ClaimCheck
          </Link>
          <Link href="/articles" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Articles
          </Link>
          {user.role === "admin" ? (
            <>
              <Link href="/admin/users" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Users
              </Link>
              <Link href="/admin/audit" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
                Audit log
              </Link>
            </>
          ) : null}
          <span className="ml-auto text-sm text-slate-300">
            {user.name} · {ROLE_LABELS[user.role]}
          </span>
          <Link href="/settings" className="rounded-md px-2 py-1 text-sm text-slate-200 hover:bg-slate-700 hover:text-white">
            Settings
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}
