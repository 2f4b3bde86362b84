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
  poweredByHeader: false,
  // unauthorized() and forbidden() render app/unauthorized.tsx and app/forbidden.tsx with 401 and 403.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
};

module.exports = nextConfig;
