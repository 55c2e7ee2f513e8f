# syntax=docker/dockerfile:1
# Parley image: build with `docker build -t parley .`, run with
#   docker run -p 3000:3000 -e TOKEN_SECRET=... -v parley-data:/data parley
# Stages: toolchain (compilers for the native addon better-sqlite3) -> dev-deps -> build (tsc + vite)
# and toolchain -> prod-deps (production node_modules only); the runtime stage copies the results and
# holds neither compilers nor dev dependencies. docs/deploy.md explains the rest.

# One base for every stage, so the native addons compiled in prod-deps match the runtime's Node ABI
# and glibc. better-sqlite3 12 supports Node 20, 22 and 24; 24 is the current LTS.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS toolchain
# node-gyp needs python3, make and a C++ compiler when no prebuilt better-sqlite3 binary fits.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Only the manifest and lockfile: the npm ci layers below stay cached until dependencies change.
COPY package.json package-lock.json ./

FROM toolchain AS dev-deps
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM toolchain AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM dev-deps AS build
# Sources come after the install, so editing code never re-runs npm ci.
COPY . .
# tsc -> dist/server and dist/shared; vite -> dist/client (the embed and demo page).
RUN npm run build
# The `parley` command (package.json bin) is run by its #! line: make it executable.
RUN chmod 755 dist/server/cli/parley.js

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=sqlite:/data/parley.db
WORKDIR /app
# Code and dependencies stay owned by root, read-only for the node user that runs them.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The embedded SQLite database (and its -wal/-shm files) live here; mount a volume to keep them.
# `parley` on the PATH, for one-off commands: `docker run --rm ... parley migrate`.
RUN mkdir -p /data && chown node:node /data \
    && ln -s /app/dist/server/cli/parley.js /usr/local/bin/parley
VOLUME ["/data"]
# The base image's `node` user, by number so that Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 3000
# Slim images have no curl: Node's own fetch asks /healthz and exits non-zero on any failure.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# No entrypoint script: node itself is PID 1 and receives SIGTERM for its graceful shutdown.
# `parley serve` is the same start-up as `npm start` (server/main.ts), without npm in between.
ENTRYPOINT []
CMD ["node", "dist/server/cli/parley.js", "serve"]
