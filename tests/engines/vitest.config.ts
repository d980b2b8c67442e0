import { defineConfig } from "vitest/config";

// The smoke suite in WebKit and Firefox (README: "Browsers the tests cover"): one engine at a time,
// so the two cores of CI are not shared between two browsers and the budgets stay deterministic.
export default defineConfig({
  test: {
    include: ["tests/engines/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/engines/setup.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
