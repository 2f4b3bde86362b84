// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and gRPC clients must be loaded by Node, not bundled: bundled, grpc-js rejects the
  // insecure credentials of a second copy of itself and better-sqlite3 cannot load its addon.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    'pino',
    'isomorphic-git',
    '@kubernetes/client-node',
    '@google-cloud/logging',
    '@grpc/grpc-js',
    '@grpc/proto-loader',
  ],
  // One build for everything: `next start` serves it (npm start), and the standalone server in
  // .next/standalone is what the container and `npm run start:prod` run.
  output: 'standalone',
  poweredByHeader: false,
  // Built assets skip proxy.ts (its matcher), so the headers that do not depend on the request are
  // set here too; pages and routes get the full set, with a nonce, from proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'referrer-policy', value: 'same-origin' },
          { key: 'x-frame-options', value: 'DENY' },
        ],
      },
    ];
  },
  // `npm test` type-checks the whole project (tsc --noEmit) as its first step; checking again
  // inside every build only slows `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // unauthorized() and forbidden() render app/unauthorized.tsx and app/forbidden.tsx with 401 and 403.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
};

module.exports = nextConfig;
