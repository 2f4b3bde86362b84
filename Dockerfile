# Berth's production image: Next's standalone server, no dev dependencies, a non-root user.
# Build: docker build -t berth . (CI pushes it to Artifact Registry; the shared chart deploys it.)

FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles from source; git is needed by the config repository's remote sync.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1
RUN npm ci
COPY . .
RUN npx next build

FROM node:20-bookworm-slim AS run
RUN apt-get update && apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/* \
  && useradd --uid 10001 --create-home berth
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1 NEXT_MANUAL_SIG_HANDLE=1
COPY --from=build --chown=berth /src/.next/standalone ./
COPY --from=build --chown=berth /src/.next/static ./.next/static
COPY --from=build --chown=berth /src/content ./content
USER berth
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/api/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.js"]
