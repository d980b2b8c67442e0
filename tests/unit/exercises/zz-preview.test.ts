import { it } from "vitest";
import { writeFileSync } from "node:fs";
import { generators } from "../../../src/exercises/registry";
import { renderExerciseMarkup } from "../../../src/exercises/markup";
it("preview", () => {
  let html = `<html><head><meta charset="utf-8"><link rel="stylesheet" href="file:///work/wt/exercises/node_modules/katex/dist/katex.min.css"></head><body style="max-width:700px;font-family:serif">`;
  for (const g of generators) {
    for (const seed of [g.defaultSeed, 7, 12345]) {
      const inst = g.generate(seed);
      html += `<h3>${g.id} seed ${seed}</h3>${renderExerciseMarkup(inst.question)}<hr>${renderExerciseMarkup(inst.solution)}<p><b>Answer ${inst.answerText} ${inst.unit ?? ""}</b> (±${inst.tolerance}) mistakes: ${inst.mistakes.map((m) => m.value.toFixed(4)).join(", ")}</p>`;
    }
    for (let s = 0; s < 300; s++) {
      const i = g.generate(s);
      renderExerciseMarkup(i.question);
      renderExerciseMarkup(i.solution);
      if (!Number.isFinite(i.answer)) throw new Error(g.id + s);
    }
  }
  writeFileSync("/tmp/exview/preview.html", html + "</body></html>");
});
