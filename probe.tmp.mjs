import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { writeServiceWorker } from "./src/integrations/reader-build.mjs";
const out = mkdtempSync("/tmp/hosts-dist-");
cpSync("dist", out, { recursive: true });
await writeServiceWorker(out, "/vae-textbook/", { info: console.log });
const b = JSON.parse(/^const BUILD = (.*);$/m.exec(readFileSync(out + "/sw.js", "utf8"))[1]);
for (const p of b.shell) console.log((b.sizes[p]/1024).toFixed(0).padStart(6), p);
