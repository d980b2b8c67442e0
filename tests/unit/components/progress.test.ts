import { afterEach, describe, expect, it, vi } from "vitest";
import { clearProgress, markSolved, progressPage, solvedOn } from "../../../src/components/progress";

/** A Map-backed localStorage, as a browser has. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("progress", () => {
  it("is one page for /x/, /x and /x/index.html", () => {
    expect(progressPage("/book/chapters/kl/")).toBe("/book/chapters/kl/");
    expect(progressPage("/book/chapters/kl")).toBe("/book/chapters/kl/");
    expect(progressPage("/book/chapters/kl/index.html")).toBe("/book/chapters/kl/");
  });

  it("remembers solved exercises per page and clears one page only", () => {
    vi.stubGlobal("localStorage", memoryStorage());
    expect(markSolved("/a/", "exercise-one")).toBe(true);
    markSolved("/a/", "exercise-two");
    markSolved("/a/", "exercise-one");
    markSolved("/b/", "exercise-three");
    expect([...solvedOn("/a/")]).toEqual(["exercise-one", "exercise-two"]);
    expect(clearProgress("/a/")).toBe(true);
    expect(solvedOn("/a/").size).toBe(0);
    expect([...solvedOn("/b/")]).toEqual(["exercise-three"]);
  });

  it("forgets quietly where storage is blocked (a sandboxed frame), full, or holds something else", () => {
    // A sandboxed frame throws on reading window.localStorage itself.
    Object.defineProperty(globalThis, "localStorage", {
      configurable: true,
      get: () => {
        throw new DOMException("blocked", "SecurityError");
      },
    });
    try {
      expect(markSolved("/a/", "exercise-one")).toBe(false);
      expect(solvedOn("/a/").size).toBe(0);
      expect(clearProgress("/a/")).toBe(false);
    } finally {
      Reflect.deleteProperty(globalThis, "localStorage");
    }
    const full = memoryStorage();
    full.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    vi.stubGlobal("localStorage", full);
    expect(markSolved("/a/", "exercise-one")).toBe(false);
    expect(solvedOn("/a/").size).toBe(0);
    const garbled = memoryStorage();
    garbled.setItem("vae-progress", "{not json");
    vi.stubGlobal("localStorage", garbled);
    expect(solvedOn("/a/").size).toBe(0);
    expect(markSolved("/a/", "exercise-one")).toBe(true);
    expect([...solvedOn("/a/")]).toEqual(["exercise-one"]);
  });
});
