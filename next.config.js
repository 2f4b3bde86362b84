// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and gRPC clients must be loaded by Node, not bundled (see ../shared/reference/stack.md).
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
  // The container image runs Next's standalone server (Dockerfile); BERTH_STANDALONE is a build switch only.
  output: process.env.BERTH_STANDALONE === '1' ? 'standalone' : undefined,
  // …in its own folder, so it never clobbers the build `npm start` serves.
  distDir: process.env.BERTH_STANDALONE === '1' ? '.next-standalone' : '.next',
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit) as its first step; checking again
  // inside every build only slows `npm start` down.
  typescript: { ignoreBuildErrors: true },
  // unauthorized() and forbidden() render app/unauthorized.tsx and app/forbidden.tsx with 401 and 403.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
};

module.exports = nextConfig;
