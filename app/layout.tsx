import type { Metadata } from "next";
import "./globals.css";

// Every page is rendered per request: it depends on the session and carries the CSP nonce.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "ClaimCheck", template: "%s · ClaimCheck" },
  description: "Claim verification for fact-checkers",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
