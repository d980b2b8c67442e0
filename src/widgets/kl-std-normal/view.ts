import { formatNumber } from "../../lib/format";
import { layoutBars } from "../charts/bars";

/** The per-dimension bars, the same geometry on the server and in the browser. */
export const termsLayout = (terms: readonly number[]) =>
  layoutBars(
    terms,
    terms.map((_, j) => (terms.length <= 16 || j % 4 === 0 ? String(j + 1) : "")),
    { height: 200, format: (value) => formatNumber(value, 3) },
  );
