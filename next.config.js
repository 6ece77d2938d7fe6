/** @type {import('next').NextConfig} */
const staticHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];

const nextConfig = {
  poweredByHeader: false,
  // scripts/serve.mjs compresses responses.
  compress: false,
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pdfkit", "fontkit"],
  experimental: { serverActions: { bodySizeLimit: "7mb" } },
  // Pages and API responses get their headers (with a per-request CSP nonce) from proxy.ts.
  async headers() {
    return [{ source: "/_next/static/:path*", headers: staticHeaders }];
  },
};

module.exports = nextConfig;
