import { formatNumber } from "../../lib/format";
import { layoutBars } from "../charts/bars";

/** The per-dimension bars, the same geometry on the server and in the browser. */
export const termsLayout = (terms: readonly number[], width = 640) =>
  layoutBars(
    terms,
    terms.map((_, j) =>
      terms.length <= width / 40 || j % Math.ceil((terms.length * 40) / width) === 0 ? String(j + 1) : "",
    ),
    { width, height: Math.max(160, Math.min(220, width * 0.4)), format: (value) => formatNumber(value, 3) },
  );
