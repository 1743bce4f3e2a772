FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV TS_NODE_BASEURL=dist
# A larger young generation: see "Ceilings" in docs/architecture.md.
ENV NODE_OPTIONS=--max-semi-space-size=64
EXPOSE 3000
CMD ["node", "-r", "tsconfig-paths/register", "dist/apps/api/src/main.js"]

