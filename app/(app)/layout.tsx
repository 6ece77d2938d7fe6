import { redirect } from "next/navigation";
import { getCurrentSession } from "@/lib/session";
import { loadLayoutData } from "@/lib/layout/data";
import { AppHeader } from "@/components/layout/app-header";
import { PreferencesProvider } from "@/components/settings/preferences-provider";


export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await getCurrentSession();
  if (!session) redirect("/sign-in");
  // The admin requires a second factor for this role: set it up before anything else.
  if (session.mustEnrolTwoFactor) redirect("/two-factor/setup");
  const { user } = session;
  const { unread, preferences } = await loadLayoutData(user);
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <AppHeader user={user} unread={unread} />
      <PreferencesProvider keyboardShortcuts={preferences.keyboardShortcuts}>
        <main id="main" className="flex-1">
          {children}
        </main>
      </PreferencesProvider>
    </div>
  );
}
