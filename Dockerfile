# syntax=docker/dockerfile:1
# The production image: Node 22 LTS (Node 20 reached end of life in April 2026), built in one
# stage with the dev tools, run from a second stage with production dependencies only, as the
# unprivileged `node` user. Migrations run at start (`npm run setup`), so a new image applies its
# own schema before it serves; Prisma's migrate deploy takes a lock, so instances starting
# together apply each migration once.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=production-dependencies --chown=node:node /app/node_modules node_modules
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
COPY --chown=node:node server.mjs inbox-worker.mjs ./
COPY --chown=node:node prisma prisma
COPY --chown=node:node scripts/server-build.mjs scripts/wakilni-operator.mjs scripts/
COPY --from=build --chown=node:node /app/build build
COPY --from=build --chown=node:node /app/public public
USER node
EXPOSE 3000
CMD ["sh", "-c", "npm run setup && exec node server.mjs"]
