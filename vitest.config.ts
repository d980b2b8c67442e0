import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    // Generous: CI has two cores, and the seeded training runs share them.
    testTimeout: 60_000,
  },
});
