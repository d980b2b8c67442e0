/**
 * "Download image": the widget's current state as a standalone SVG (or a PNG drawn from it) for tools
 * that cannot host iframes. The image is the widget as the reader sees it, in one piece: its DOM
 * region drawn by the browser itself (html-to-image: an SVG <foreignObject> with the computed styles,
 * the fonts in use (KaTeX's included) and the canvases inlined), so typeset formulas, legends and
 * figures are the screen's; under it every parameter and the permalink, a link in the SVG. Viewers
 * that cannot draw HTML in SVG get, through <switch>, a plain SVG of the same state: the results as
 * text (formulas as their TeX source), then the figures and their legends placed as on the screen.
 */
import { toSvg } from "html-to-image";
import { THEMES } from "./protocol";

const SVG_NS = "http://www.w3.org/2000/svg";
const XHTML_NS = "http://www.w3.org/1999/xhtml";
const WIDTH = 800;
const MIN_WIDTH = 480;
const PAD = 24;
const LINE = 20;
const CHAR_WIDTH = 7.4;

/** Presentation properties copied from the page's CSS, so the image looks like the screen without it. */
const STYLE_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "paint-order",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "visibility",
  "display",
] as const;

export interface SnapshotSource {
  readonly id: string;
  readonly title: string;
  readonly widget: HTMLElement;
  /** Every parameter of the current state, defaults included. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly permalink: string;
  /** The theme the image is drawn in (docs/embedding.md's `theme`); absent or "": the page's own. */
  readonly theme?: string;
  /** With the controls, as on screen; without them (the default), the figure and its results, as `controls=0` shows. */
  readonly controls?: boolean;
}

/** The root font size of theme=projector (src/styles/embed.css): a widget's image in it is zoomed to that type. */
const PROJECTOR_ROOT_PX = 22;
const BROWSER_ROOT_PX = 16;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Redraws the widget in place as its image asks (theme, controls), runs `make`, and puts it back. The
 * widget lays itself out again (its ResizeObservers redraw the figures at the new size and type), so the
 * image is a real layout of that theme, not the screen's recoloured; the reader sees it for that moment.
 * A canvas drawn in its CSS colour (digits, the prior's shading) and not redrawn is repainted in the
 * theme's colour meanwhile. Themes are scoped to the widget by src/styles/global.css and widget.css.
 */
async function staged<T>(source: SnapshotSource, make: () => Promise<T>): Promise<T> {
  const { widget } = source;
  const theme = (THEMES as readonly string[]).includes(source.theme ?? "") ? source.theme : undefined;
  const root = document.documentElement;
  const rootSize = Number.parseFloat(getComputedStyle(root).fontSize) || BROWSER_ROOT_PX;
  const pageProjector = root.hasAttribute("data-projector");
  // Text as large, relative to the figure, as on a projector page (or as on a plain one, from a projector page).
  const zoom =
    theme === undefined || (theme === "projector") === pageProjector
      ? 1
      : (theme === "projector" ? PROJECTOR_ROOT_PX : BROWSER_ROOT_PX) / rootSize;
  const canvases = Array.from(widget.querySelectorAll("canvas"));
  const inks = canvases.map((canvas) => getComputedStyle(canvas).color);
  const zoomBefore = widget.style.zoom;
  if (theme) widget.dataset.imageTheme = theme;
  if (!source.controls) widget.dataset.imageFigure = "";
  if (zoom !== 1) widget.style.zoom = String(zoom);
  const repainted: { canvas: HTMLCanvasElement; pixels: ImageData }[] = [];
  try {
    await settle(widget);
    // An image cannot scroll: where a box would (reparam's table at the projector's type), or a figure runs
    // past its column, less zoom.
    let fit = narrowest(widget);
    for (let tries = 0; fit < 1 && Number(widget.style.zoom) > 1 && tries < 3; tries++) {
      widget.style.zoom = String(Math.max(1, Number(widget.style.zoom) * fit));
      await settle(widget);
      fit = narrowest(widget);
    }
    // A figure that keeps its size whatever the zoom (the VAE's plots) fits only at the screen's.
    if (fit < 1 && zoom !== 1) {
      widget.style.zoom = zoomBefore;
      await settle(widget);
    }
    canvases.forEach((canvas, index) => {
      const pixels = recolour(canvas, inks[index]!, getComputedStyle(canvas).color);
      if (pixels) repainted.push({ canvas, pixels });
    });
    return await make();
  } finally {
    for (const { canvas, pixels } of repainted) {
      if (canvas.width === pixels.width && canvas.height === pixels.height)
        canvas.getContext("2d")?.putImageData(pixels, 0, 0);
    }
    delete widget.dataset.imageTheme;
    delete widget.dataset.imageFigure;
    widget.style.zoom = zoomBefore;
  }
}

/**
 * The smallest share of its content's width that a scroll box of the widget shows, or of its width that
 * a figure's column shows (1 when all show whole). Figures: the VAE's plots keep the size they were laid
 * out at (measured again only when their own box changes), so a zoom ran them under the results beside them.
 */
function narrowest(widget: HTMLElement): number {
  let share = 1;
  for (const element of Array.from(widget.querySelectorAll<HTMLElement>("*"))) {
    if (element.clientWidth === 0 || element.scrollWidth <= element.clientWidth + 1) continue;
    if (!/auto|scroll/.test(getComputedStyle(element).overflowX)) continue;
    share = Math.min(share, element.clientWidth / element.scrollWidth);
  }
  for (const figure of figures(widget)) {
    const drawn = figure.getBoundingClientRect();
    for (let box = figure.parentElement; box && box !== widget.parentElement; box = box.parentElement) {
      const { right, width, height } = box.getBoundingClientRect();
      // A box with no size of its own (display: contents) holds nothing back.
      if (width === 0 && height === 0) continue;
      if (drawn.right > right + 1) share = Math.min(share, (right - drawn.left) / drawn.width);
    }
  }
  return share;
}

/** Waits until the widget has laid itself out again and its outputs are current (data-ready, contract rule 4); 10 s at most. */
async function settle(widget: HTMLElement): Promise<void> {
  await document.fonts.ready;
  await nextFrame();
  await nextFrame();
  const deadline = performance.now() + 10_000;
  while (!widget.hasAttribute("data-ready") && performance.now() < deadline) await nextFrame();
  await nextFrame();
}

const rgb = (colour: string): [number, number, number] | undefined => {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
};

/**
 * Repaints in `to` the pixels of a canvas drawn in `from` (its CSS colour, src/widgets/training/digit-canvas.ts),
 * whatever their opacity; returns the pixels before, or nothing when there was nothing to repaint.
 */
function recolour(canvas: HTMLCanvasElement, from: string, to: string): ImageData | undefined {
  const [before, after] = [rgb(from), rgb(to)];
  if (!before || !after || from === to || canvas.width === 0 || canvas.height === 0) return undefined;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return undefined;
  const original = context.getImageData(0, 0, canvas.width, canvas.height);
  const pixels = new ImageData(new Uint8ClampedArray(original.data), original.width, original.height);
  const data = pixels.data;
  let changed = false;
  for (let i = 0; i < data.length; i += 4) {
    const alpha = data[i + 3]!;
    if (alpha === 0) continue;
    // Stored premultiplied, a faint pixel's colour comes back rounded by up to 255 / alpha.
    const slack = 2 + 255 / alpha;
    if ([0, 1, 2].every((c) => Math.abs(data[i + c]! - before[c]!) <= slack)) {
      data[i] = after[0];
      data[i + 1] = after[1];
      data[i + 2] = after[2];
      changed = true;
    }
  }
  if (!changed) return undefined;
  context.putImageData(pixels, 0, 0);
  return original;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text for the plain fallback: each formula as its TeX source (KaTeX's annotation), never its flattened glyphs. */
function plainText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  for (const math of Array.from(clone.querySelectorAll(".katex"))) {
    const tex = math.querySelector('annotation[encoding="application/x-tex"]')?.textContent;
    math.replaceWith(tex ? `$${tex.trim()}$` : (math.querySelector(".katex-mathml")?.textContent ?? ""));
  }
  return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
}

function wrap(text: string, width: number): string[] {
  const perLine = Math.max(20, Math.floor(width / CHAR_WIDTH));
  const lines: string[] = [];
  let rest = text;
  while (rest.length > perLine) {
    const cut = rest.lastIndexOf(" ", perLine);
    // A long address breaks before one of its parameters ("&theme=…"), not inside a word.
    const separator = Math.max(rest.lastIndexOf("&", perLine), rest.lastIndexOf("?", perLine) + 1);
    const at = cut > perLine / 2 ? cut : separator > perLine / 2 ? separator : perLine;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

/** The figures a person sees: top-level SVGs and canvases outside controls, math and panels. */
function figures(widget: HTMLElement): (SVGSVGElement | HTMLCanvasElement)[] {
  return Array.from(widget.querySelectorAll<SVGSVGElement | HTMLCanvasElement>("svg, canvas")).filter((element) => {
    if (element.closest(".katex, .widget-controls, .embed-panel")) return false;
    if (element.parentElement?.closest("svg")) return false;
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  });
}

/**
 * Copies each computed presentation property that the element does not simply inherit from its parent
 * (with `withRoot` false, only onto the descendants: the root keeps the style it has).
 */
function inlineStyles(source: Element, clone: Element, withRoot = true): void {
  const sources = [...(withRoot ? [source] : []), ...Array.from(source.querySelectorAll("*"))];
  const clones = [...(withRoot ? [clone] : []), ...Array.from(clone.querySelectorAll("*"))];
  sources.forEach((element, index) => {
    const computed = getComputedStyle(element);
    const parent = element === source || !element.parentElement ? undefined : getComputedStyle(element.parentElement);
    const declarations = STYLE_PROPERTIES.flatMap((name) => {
      const value = computed.getPropertyValue(name);
      if (name === "display") return value === "none" ? [`${name}:none`] : [];
      return parent && parent.getPropertyValue(name) === value ? [] : [`${name}:${value}`];
    });
    clones[index]?.setAttribute("style", declarations.join(";"));
  });
}

/** A figure or legend drawn in the plain image at its place on screen: `at` maps a screen box to the image's. */
type Place = (rect: DOMRect) => { x: number; y: number; width: number; height: number; scale: number };

function placeFigure(element: SVGSVGElement | HTMLCanvasElement, at: Place): string {
  const rect = element.getBoundingClientRect();
  const box = at(rect);
  if (element instanceof HTMLCanvasElement) {
    // A digit is a few dozen pixels scaled up: drawn in blocks, as on screen, not smoothed into a blur.
    const pixelated =
      getComputedStyle(element).imageRendering === "pixelated" ? ' style="image-rendering:pixelated"' : "";
    return `<image x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" preserveAspectRatio="none"${pixelated} href="${element.toDataURL("image/png")}"/>`;
  }
  const clone = element.cloneNode(true) as SVGSVGElement;
  inlineStyles(element, clone);
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${rect.width} ${rect.height}`);
  for (const name of ["x", "y", "width", "height"] as const) clone.setAttribute(name, String(box[name]));
  clone.removeAttribute("class");
  return new XMLSerializer().serializeToString(clone);
}

/** An HTML legend (`.chart-legend`) as SVG: each entry's swatch and its label, where the screen has them. */
function placeLegend(legend: HTMLElement, at: Place): string {
  return Array.from(legend.querySelectorAll<HTMLElement>("li"))
    .map((entry) => {
      const swatch = entry.querySelector<HTMLElement>(".swatch");
      const parts: string[] = [];
      let left = entry.getBoundingClientRect().left;
      if (swatch) {
        const box = at(swatch.getBoundingClientRect());
        const look = getComputedStyle(swatch);
        const border = look.borderTopStyle === "none" ? "" : ` stroke="${look.borderTopColor}"`;
        parts.push(
          `<rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="${look.backgroundColor}"${border}/>`,
        );
        left = swatch.getBoundingClientRect().right + 0.35 * Number.parseFloat(look.fontSize);
      }
      const rect = entry.getBoundingClientRect();
      const look = getComputedStyle(entry);
      const box = at(new DOMRect(left, rect.top, rect.right - left, rect.height));
      const zoom = (entry as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      const size = Number.parseFloat(look.fontSize) * zoom * box.scale;
      parts.push(
        `<text x="${box.x}" y="${box.y + box.height / 2}" dominant-baseline="central" font-size="${size.toFixed(1)}" fill="${look.color}">${escapeXml(plainText(entry))}</text>`,
      );
      return parts.join("");
    })
    .join("");
}

/** The plain SVG of the state (no HTML): the fallback for viewers that cannot draw <foreignObject>. */
function plainSnapshot(source: SnapshotSource): { markup: string; height: number } {
  const foreground = paletteColour(source.widget, "--fg");
  const textWidth = WIDTH - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;
  const text = (content: string, size: number, color: string, weight = 400): string =>
    wrap(content, (textWidth * 13) / size)
      .map((line) => {
        y += size + 6;
        return `<text x="${PAD}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(line)}</text>`;
      })
      .join("");
  parts.push(text(source.title, 20, foreground, 700));
  for (const output of Array.from(source.widget.querySelectorAll<HTMLOutputElement>("output[name]"))) {
    const label = output.closest(".widget-result")?.querySelector(".result-label");
    parts.push(text(`${label ? plainText(label) : output.name}: ${plainText(output)}`, 15, foreground, 600));
  }
  for (const message of Array.from(
    source.widget.querySelectorAll<HTMLElement>("[data-role=note], [data-role=alert]"),
  )) {
    if (!message.hidden && message.textContent) parts.push(text(message.textContent, 13, foreground));
  }
  // The figures and their legends keep their places on screen relative to each other (a canvas and the
  // axes drawn over it stay one picture), scaled together to the image's width, never enlarged.
  const drawn = figures(source.widget);
  const legends = Array.from(source.widget.querySelectorAll<HTMLElement>(".chart-legend")).filter(
    (legend) => !legend.closest(".embed-panel, [data-role=embed]") && legend.getClientRects().length > 0,
  );
  const rects = [...drawn, ...legends].map((element) => element.getBoundingClientRect());
  if (rects.length > 0) {
    const left = Math.min(...rects.map((rect) => rect.left));
    const top = Math.min(...rects.map((rect) => rect.top));
    const right = Math.max(...rects.map((rect) => rect.right));
    const bottom = Math.max(...rects.map((rect) => rect.bottom));
    const scale = Math.min(1, textWidth / (right - left));
    const origin = y + LINE / 2;
    const at: Place = (rect) => ({
      x: round(PAD + (rect.left - left) * scale),
      y: round(origin + (rect.top - top) * scale),
      width: round(rect.width * scale),
      height: round(rect.height * scale),
      scale,
    });
    for (const figure of drawn) parts.push(placeFigure(figure, at));
    for (const legend of legends) parts.push(placeLegend(legend, at));
    y = origin + (bottom - top) * scale;
  }
  return { markup: parts.join("\n"), height: Math.ceil(y + PAD) };
}

const round = (value: number): number => Math.round(value * 10) / 10;

/** The sides of a box, for the longhand properties below. */
const SIDES = ["top", "right", "bottom", "left"] as const;

/** Text properties, all inherited: copied onto the image's elements, and dropped where the parent's are the same. */
const INHERITED_TEXT = [
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant-numeric",
  "line-height",
  "letter-spacing",
  "text-align",
  "text-transform",
];

/**
 * The computed properties copied onto each element of the image: those our widgets and KaTeX set.
 * Copying all of Chromium's ~400 would make every element's style attribute some 10 kB long.
 */
const IMAGE_STYLE_PROPERTIES = [
  "display",
  "position",
  ...SIDES,
  "z-index",
  "box-sizing",
  "width",
  "height",
  "min-width",
  "min-height",
  "max-width",
  "max-height",
  ...SIDES.flatMap((side) => [
    `margin-${side}`,
    `padding-${side}`,
    `border-${side}-width`,
    `border-${side}-style`,
    `border-${side}-color`,
  ]),
  "border-top-left-radius",
  "border-top-right-radius",
  "border-bottom-right-radius",
  "border-bottom-left-radius",
  "border-collapse",
  "border-spacing",
  "background-color",
  "box-shadow",
  "color",
  "opacity",
  "visibility",
  "overflow-x",
  "overflow-y",
  ...INHERITED_TEXT,
  "text-decoration-line",
  "white-space",
  "word-break",
  "overflow-wrap",
  "vertical-align",
  "list-style-type",
  "flex-direction",
  "flex-wrap",
  "flex-grow",
  "flex-shrink",
  "flex-basis",
  "align-items",
  "align-self",
  "align-content",
  "justify-content",
  "justify-items",
  "order",
  "row-gap",
  "column-gap",
  "grid-template-columns",
  "grid-template-rows",
  "grid-template-areas",
  "grid-column-start",
  "grid-column-end",
  "grid-row-start",
  "grid-row-end",
  "grid-auto-flow",
  "column-count",
  "column-width",
  "column-fill",
  "column-span",
  "break-inside",
  "transform",
  "transform-origin",
  "clip-path",
  "accent-color",
  "appearance",
  // The dark theme's colours are light-dark() values: without the page's scheme the image took their light side.
  "color-scheme",
  ...STYLE_PROPERTIES.filter((name) => !["display", "visibility", "opacity"].includes(name)),
];

/**
 * Not in the image: the share panel (its buttons made the image), anything not rendered (hidden tabs
 * and notes: their canvases alone weighed hundreds of kB), and KaTeX's MathML, which is for screen readers.
 */
function shown(node: HTMLElement): boolean {
  if (!(node instanceof Element)) return true;
  if (node.matches("[data-role=embed], .embed-panel, .katex-mathml, script, noscript, template")) return false;
  return getComputedStyle(node).display !== "none";
}

/** Whether `node` and every ancestor up to `root` pass `shown`: it is in the image. */
function inImage(node: Element, root: Element): boolean {
  for (let element: Element | null = node; element && element !== root; element = element.parentElement) {
    if (!shown(element as HTMLElement)) return false;
  }
  return true;
}

/** The image properties a child takes from its parent (CSS "Inherited: yes"), as the longhands a style attribute lists. */
const INHERITED = new Set([
  "color",
  "color-scheme",
  "visibility",
  ...INHERITED_TEXT,
  "white-space-collapse",
  "text-wrap-mode",
  "word-break",
  "overflow-wrap",
  "list-style-type",
  "border-collapse",
  "-webkit-border-horizontal-spacing",
  "-webkit-border-vertical-spacing",
  "accent-color",
  ...STYLE_PROPERTIES.filter((name) => /^(fill|stroke|text-anchor|dominant-baseline)/.test(name)),
]);

/**
 * Shortens the computed styles html-to-image writes on every element of the region (some 1.4 kB each,
 * 1.7 MB for a widget full of formulas) to what changes the rendering: a property is dropped when the
 * element would get the same value without it, because its parent's value is inherited or because it
 * is the browser's default for that element (measured in a blank frame with the widget's colour scheme,
 * `scheme`). Elements inside an <svg> keep
 * the short styles inlineStyles gave them.
 */
function pruneStyles(region: Element, scheme: string): void {
  const frame = document.createElement("iframe");
  frame.setAttribute("aria-hidden", "true");
  frame.style.cssText = "position:fixed;left:-10000px;top:0;width:100px;height:100px;border:0;visibility:hidden";
  document.body.append(frame);
  try {
    const blank = frame.contentDocument;
    if (!blank) return;
    blank.open();
    // The blank body's inherited values are ones no browser default has: a probe that shows them takes
    // them from its parent; one that does not has its own default (an input's text colour, a button's font).
    const unusual =
      "color:rgb(1,2,3);font:italic 700 7px/3px monospace;letter-spacing:1px;text-align:right;text-transform:uppercase;white-space:pre;word-break:break-all;fill:rgb(1,2,3);stroke:rgb(1,2,3)";
    blank.write(
      `<!doctype html><html style="color-scheme:${scheme}"><body style="${unusual}"><svg xmlns="${SVG_NS}"></svg></body></html>`,
    );
    blank.close();
    const svgHost = blank.querySelector("svg")!;
    const defaults = new Map<string, { own: CSSStyleDeclaration; context: CSSStyleDeclaration }>();
    // The browser's own style of an element depends on its tag and on these (a disabled button is grey).
    const styledBy = ["type", "disabled"];
    const defaultsOf = (element: Element) => {
      const attributes = styledBy.filter((name) => element.hasAttribute(name));
      const key = `${element.namespaceURI} ${element.localName} ${attributes.map((name) => `${name}=${element.getAttribute(name)}`).join(" ")}`;
      let found = defaults.get(key);
      if (!found) {
        const probe = blank.createElementNS(element.namespaceURI, element.localName);
        for (const name of attributes) probe.setAttribute(name, element.getAttribute(name)!);
        const host = element.namespaceURI === SVG_NS && element.localName !== "svg" ? svgHost : blank.body;
        host.append(probe);
        found = { own: getComputedStyle(probe), context: getComputedStyle(host) };
        defaults.set(key, found);
      }
      return found;
    };
    const styled = Array.from(region.querySelectorAll<HTMLElement | SVGElement>("[style]")).filter(
      (element) => element.parentElement?.closest("svg, foreignObject")?.localName !== "svg",
    );
    // Every element's values as written, read before any is dropped (a child compares with its parent's).
    const written = new Map<Element, Map<string, string>>(
      styled.map((element) => [
        element,
        new Map(Array.from(element.style, (name) => [name, element.style.getPropertyValue(name)])),
      ]),
    );
    for (const element of styled) {
      const values = written.get(element)!;
      const parent = element.parentElement ? written.get(element.parentElement) : undefined;
      const { own, context } = defaultsOf(element);
      const irrelevant = (name: string): boolean =>
        (values.get("position") === "static" && /^(top|right|bottom|left|z-index)$/.test(name)) ||
        (values.get("transform") === "none" && name === "transform-origin") ||
        (/^border-(top|right|bottom|left)-color$/.test(name) && values.get(name.replace("color", "style")) === "none");
      for (const [name, value] of values) {
        const inherited = INHERITED.has(name);
        const unchanged = inherited
          ? parent?.get(name) === value && own.getPropertyValue(name) === context.getPropertyValue(name)
          : own.getPropertyValue(name) === value;
        if (unchanged || irrelevant(name)) element.style.removeProperty(name);
      }
      if (element.style.length === 0) element.removeAttribute("style");
    }
  } finally {
    frame.remove();
  }
}

/** The first family of a font-family list, unquoted. */
const firstFamily = (list: string): string => (list.split(",")[0] ?? "").trim().replace(/^["']|["']$/g, "");

/**
 * The @font-face rules of the faces the image uses (family, weight, style of its rendered text), each with
 * its WOFF2 file inlined. html-to-image's own `preferredFontFormat` left every other face without a src
 * (its global regular expressions keep their lastIndex between faces): KaTeX's regular faces missing,
 * formulas came out bold and wider than on screen.
 */
async function fontFaces(widget: HTMLElement): Promise<string> {
  const used = new Set<string>();
  for (const element of [widget, ...Array.from(widget.querySelectorAll("*"))]) {
    if (!inImage(element, widget)) continue;
    const style = getComputedStyle(element);
    const weight = Number(style.fontWeight) >= 600 ? "700" : "400";
    used.add(`${firstFamily(style.fontFamily)}|${weight}|${style.fontStyle === "normal" ? "normal" : "italic"}`);
  }
  const faces: CSSFontFaceRule[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      faces.push(
        ...Array.from(sheet.cssRules).filter((rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule),
      );
    } catch {
      // A style sheet of another origin cannot be read; the site serves its own.
    }
  }
  const rules = await Promise.all(
    faces.map(async (face) => {
      const family = firstFamily(face.style.getPropertyValue("font-family"));
      const style = face.style.getPropertyValue("font-style") || "normal";
      const declared = face.style.getPropertyValue("font-weight") || "400";
      // A variable face ("100 900") serves every weight.
      const weights = declared.includes(" ")
        ? ["400", "700"]
        : [declared === "bold" ? "700" : declared === "normal" ? "400" : declared];
      if (!weights.some((weight) => used.has(`${family}|${weight}|${style === "normal" ? "normal" : "italic"}`)))
        return "";
      const source = face.style.getPropertyValue("src");
      const url = /url\(["']?([^"')]+\.woff2)["']?\)/.exec(source)?.[1];
      if (!url) return "";
      const response = await fetch(new URL(url, face.parentStyleSheet?.href ?? document.baseURI));
      if (!response.ok) return "";
      const bytes = new Uint8Array(await response.arrayBuffer());
      let binary = "";
      for (let start = 0; start < bytes.length; start += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
      }
      return `@font-face{font-family:"${family}";font-style:${style};font-weight:${declared};src:url(data:font/woff2;base64,${btoa(binary)}) format("woff2")}`;
    }),
  );
  return rules.join("\n");
}

/** Marks, while the clone is made, the scroll boxes that show all they hold (screenRegion). */
const WHOLE = "data-snapshot-whole";

/**
 * The widget region as the browser draws it: html-to-image's SVG, whose <foreignObject> holds the
 * widget's clone with computed styles and the fonts it uses inlined, so it renders the same anywhere
 * HTML-in-SVG is drawn (browsers, and the PNG made from it).
 */
async function screenRegion(
  widget: HTMLElement,
  background: string,
  figureOnly: boolean,
): Promise<{ content: string; width: number; height: number }> {
  // The share panel is left out: the image ends where it starts (plus the widget's bottom padding).
  const panel = widget.querySelector<HTMLElement>("[data-role=embed]");
  const zoom = (widget as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
  const padding = Number.parseFloat(getComputedStyle(widget).paddingBottom) || 0;
  const panelTop = panel && panel.offsetHeight > 0 ? panel.getBoundingClientRect().top : undefined;
  const height =
    panelTop === undefined
      ? widget.offsetHeight
      : Math.ceil((panelTop - widget.getBoundingClientRect().top) / zoom + padding);
  // Boxes that could scroll but show all they hold on screen: in the image (which cannot scroll) a
  // pixel more of width in the clone would bring scroll bars that cut their last line (reparam's table).
  const whole = Array.from(widget.querySelectorAll<HTMLElement>("*")).filter((element) => {
    const { overflowX, overflowY } = getComputedStyle(element);
    const scrolls = /auto|scroll/.test(`${overflowX} ${overflowY}`);
    return (
      scrolls && element.scrollWidth <= element.clientWidth + 1 && element.scrollHeight <= element.clientHeight + 1
    );
  });
  whole.forEach((element) => element.setAttribute(WHOLE, ""));
  let dataUrl: string;
  try {
    dataUrl = await toSvg(widget, {
      height,
      // The clone draws at its layout size: a zoom on the widget (staged) is not its own.
      style: { height: `${height}px`, zoom: "1" },
      filter: shown,
      backgroundColor: background,
      fontEmbedCSS: await fontFaces(widget),
      includeStyleProperties: IMAGE_STYLE_PROPERTIES,
    });
  } finally {
    whole.forEach((element) => element.removeAttribute(WHOLE));
  }
  const markup = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(",") + 1));
  const svg = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
  const object = svg.querySelector("foreignObject");
  for (const element of Array.from(object?.querySelectorAll<HTMLElement>(`[${WHOLE}]`) ?? [])) {
    element.removeAttribute(WHOLE);
    element.style.setProperty("overflow-x", "visible");
    element.style.setProperty("overflow-y", "visible");
  }
  // A table's computed height includes its caption, which the table's box (given that height) adds again:
  // its rows would stretch by the caption's height. Its height is its content's.
  for (const table of Array.from(object?.querySelectorAll<HTMLElement>("table") ?? [])) {
    table.style.removeProperty("height");
  }
  // html-to-image copies an <svg>'s children as they are: their styles come from the page's CSS, so copy them.
  // Outermost within the region: no <svg> between it and the page (or html-to-image's <foreignObject>).
  const outermost = (scope: ParentNode) =>
    Array.from(scope.querySelectorAll("svg")).filter(
      (element) => element.parentElement?.closest("svg, foreignObject")?.localName !== "svg",
    );
  const live = outermost(widget).filter((element) => inImage(element, widget));
  const cloned = object ? outermost(object) : [];
  if (live.length === cloned.length) live.forEach((element, index) => inlineStyles(element, cloned[index]!, false));
  // html-to-image copies an input's value but not whether a box is ticked.
  const liveInputs = Array.from(widget.querySelectorAll("input")).filter((input) => inImage(input, widget));
  const clonedInputs = object ? Array.from(object.querySelectorAll("input")) : [];
  if (liveInputs.length === clonedInputs.length) {
    liveInputs.forEach((input, index) => clonedInputs[index]!.toggleAttribute("checked", input.checked));
    // Without the controls, a value typed in a table (bayes's priors) is shown as text, not as a field.
    if (figureOnly) {
      liveInputs.forEach((input, index) => {
        if (!/^(text|number|search)$/.test(input.type)) return;
        const clone = clonedInputs[index]!;
        const text = clone.ownerDocument.createElementNS(XHTML_NS, "span");
        text.setAttribute("style", clone.getAttribute("style") ?? "");
        const plain = {
          "border-style": "none",
          "background-color": "transparent",
          "box-shadow": "none",
          appearance: "none",
        };
        for (const [name, value] of Object.entries(plain)) text.style.setProperty(name, value);
        text.style.setProperty("white-space", "pre");
        text.textContent = input.value;
        clone.replaceWith(text);
      });
    }
  }
  if (object) pruneStyles(object, getComputedStyle(widget).colorScheme);
  const serializer = new XMLSerializer();
  const content = object ? Array.from(object.childNodes, (node) => serializer.serializeToString(node)).join("") : "";
  return {
    content,
    width: Number(svg.getAttribute("width")) || widget.offsetWidth,
    height: Number(svg.getAttribute("height")) || widget.offsetHeight,
  };
}

/** A colour of the widget's palette (a custom property such as --fg), as the widget resolves it: "rgb(…)". */
function paletteColour(widget: HTMLElement, name: string): string {
  const probe = document.createElement("span");
  probe.hidden = true;
  probe.style.color = `var(${name})`;
  widget.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

/**
 * The standalone SVG document of the widget's current state, in the theme and with or without the controls
 * `source` asks for: the widget's region, then every parameter and the permalink.
 */
export async function snapshotSvg(source: SnapshotSource): Promise<string> {
  return staged(source, () => drawnSvg(source));
}

async function drawnSvg(source: SnapshotSource): Promise<string> {
  const style = getComputedStyle(source.widget);
  const background = paletteColour(source.widget, "--bg-raised");
  const muted = paletteColour(source.widget, "--fg-muted");
  const region = await screenRegion(source.widget, background, !source.controls);
  const plain = plainSnapshot(source);
  // As wide as the widget (a projector's image is narrower: its type is larger), and room for the permalink.
  const width = Math.max(MIN_WIDTH, Math.ceil(region.width));
  const regionHeight = Math.ceil(region.height);
  // The fallback is drawn at WIDTH wide and scaled into the region's box.
  let y = regionHeight;
  const footer: string[] = [];
  const text = (content: string, size: number, color: string): string =>
    wrap(content, ((width - 2 * PAD) * 13) / size)
      .map((line) => {
        y += size + 6;
        return `<text x="${PAD}" y="${y}" font-size="${size}" fill="${color}">${escapeXml(line)}</text>`;
      })
      .join("");
  y += LINE / 2;
  const state = Object.entries(source.parameters).map(([name, value]) => `${name} = ${value}`);
  if (state.length > 0) footer.push(text(state.join("   "), 13, muted));
  const caption = text(`Live, interactive version: ${source.permalink}`, 12, muted);
  footer.push(`<a href="${escapeXml(source.permalink)}">${caption}</a>`);
  const height = Math.ceil(y + PAD);
  const regionX = Math.floor((width - region.width) / 2);
  return [
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(style.fontFamily)}">`,
    `<title>${escapeXml(`${source.title}: ${source.permalink}`)}</title>`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    "<switch>",
    `<foreignObject x="${regionX}" y="0" width="${Math.ceil(region.width)}" height="${regionHeight}" requiredExtensions="${XHTML_NS}">${region.content}</foreignObject>`,
    `<svg x="0" y="0" width="${width}" height="${regionHeight}" viewBox="0 0 ${WIDTH} ${plain.height}" preserveAspectRatio="xMidYMin meet">${plain.markup}</svg>`,
    "</switch>",
    ...footer,
    "</svg>",
  ].join("\n");
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = name;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function pngFromSvg(svg: string, scale = 2): Promise<Blob> {
  const image = new Image();
  // A data: URL, not a blob: one: Chromium taints a canvas that draws a blob: SVG holding <foreignObject>.
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth * scale;
  canvas.height = image.naturalHeight * scale;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw a PNG; download the SVG instead.");
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  return await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be made."))), "image/png"),
  );
}

export async function downloadImage(source: SnapshotSource, format: "svg" | "png"): Promise<void> {
  const svg = await snapshotSvg(source);
  if (format === "svg") save(new Blob([svg], { type: "image/svg+xml" }), `${source.id}.svg`);
  else save(await pngFromSvg(svg), `${source.id}.png`);
}
