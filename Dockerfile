# syntax=docker/dockerfile:1
# The Levd image: one image, every role. `docker run levd serve|worker|migrate|start`.
# The server needs no build step: bin/levd.mjs runs the TypeScript sources through tsx (a runtime
# dependency), so the image holds them exactly as they are in the repository. The web UI is
# built (Vite) in a stage of its own; only its output, web/dist, goes into the image.

ARG NODE_IMAGE=node:20-bookworm-slim

# ── Stage 1: production dependencies only ────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# package.json carries `"overrides": {"sharp": "0.33.5"}`: @xenova/transformers' default
# sharp would try to download libvips at install time; 0.33.5 ships it as an npm package.
# `npm ci` honours the overrides through package-lock.json, so both files are needed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ── Stage 2: the web UI (npm run build:web → web/dist) ─────────────────────────────────────
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY package.json package-lock.json ./
# Every dependency (Vite and Preact are devDependencies); no install scripts: the build needs
# none of the native modules (sharp, onnxruntime) that have them.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY web ./web
RUN npm run build:web

# ── Stage 3: the runtime image ───────────────────────────────────────────────────────────
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app

# Dependencies and sources stay owned by root: the `node` user can read them, not change them.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY services ./services
COPY indexer ./indexer
COPY db ./db
COPY --from=web /app/web/dist ./web/dist

# DATA_DIR: the model cache (DATA_DIR/models) and, for `levd start`, the embedded database.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data

EXPOSE 3000

# Liveness of the HTTP roles (start, serve): /healthz answers once the process is up.
# Readiness (/readyz) waits for the database, queue, lexical engine and model; compose uses it
# for the api service. The worker and migrate roles have no HTTP server: compose turns this
# check off for them. The slim image has no curl, so node's own fetch does the request.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

ENTRYPOINT ["node", "bin/levd.mjs"]
CMD ["serve"]
