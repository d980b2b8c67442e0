/**
 * "Download image": the widget's current state as a standalone SVG (or a PNG drawn from it) for tools
 * that cannot host iframes. The image holds the title, every parameter, every result, the figures
 * with their computed colours, and the permalink to the live widget.
 */
const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 800;
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
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Text a person reads: KaTeX's visual layer without its MathML copy. */
function visibleText(element: Element): string {
  const clone = element.cloneNode(true) as Element;
  clone.querySelectorAll(".katex-mathml").forEach((node) => node.remove());
  return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
}

function wrap(text: string, width: number): string[] {
  const perLine = Math.max(20, Math.floor(width / CHAR_WIDTH));
  const lines: string[] = [];
  let rest = text;
  while (rest.length > perLine) {
    const cut = rest.lastIndexOf(" ", perLine);
    const at = cut > perLine / 2 ? cut : perLine;
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

/** Copies each computed presentation property that the element does not simply inherit from its parent. */
function inlineStyles(source: Element, clone: Element): void {
  const sources = [source, ...Array.from(source.querySelectorAll("*"))];
  const clones = [clone, ...Array.from(clone.querySelectorAll("*"))];
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

function placeFigure(element: SVGSVGElement | HTMLCanvasElement, y: number): { markup: string; height: number } {
  const rect = element.getBoundingClientRect();
  const width = WIDTH - 2 * PAD;
  const height = Math.round(Math.min(420, (rect.height / rect.width) * width));
  if (element instanceof HTMLCanvasElement) {
    const href = element.toDataURL("image/png");
    const markup = `<image x="${PAD}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="xMidYMid meet" href="${href}"/>`;
    return { markup, height };
  }
  const clone = element.cloneNode(true) as SVGSVGElement;
  inlineStyles(element, clone);
  if (!clone.getAttribute("viewBox")) clone.setAttribute("viewBox", `0 0 ${rect.width} ${rect.height}`);
  for (const [name, value] of Object.entries({ x: PAD, y, width, height })) clone.setAttribute(name, String(value));
  clone.removeAttribute("class");
  return { markup: new XMLSerializer().serializeToString(clone), height };
}

/** The standalone SVG document of the widget's current state. */
export function snapshotSvg(source: SnapshotSource): string {
  const style = getComputedStyle(source.widget);
  const background = style.getPropertyValue("--bg-raised").trim() || "#ffffff";
  const foreground = style.getPropertyValue("--fg").trim() || "#000000";
  const muted = style.getPropertyValue("--fg-muted").trim() || foreground;
  const font = style.fontFamily;
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
  const state = Object.entries(source.parameters).map(([name, value]) => `${name} = ${value}`);
  if (state.length > 0) parts.push(text(state.join("   "), 13, muted));
  for (const output of Array.from(source.widget.querySelectorAll<HTMLOutputElement>("output[name]"))) {
    const label = output.closest(".widget-result")?.querySelector(".result-label");
    parts.push(text(`${label ? visibleText(label) : output.name}: ${visibleText(output)}`, 15, foreground, 600));
  }
  for (const message of Array.from(
    source.widget.querySelectorAll<HTMLElement>("[data-role=note], [data-role=alert]"),
  )) {
    if (!message.hidden && message.textContent) parts.push(text(message.textContent, 13, foreground));
  }
  for (const figure of figures(source.widget)) {
    y += LINE / 2;
    const placed = placeFigure(figure, y);
    parts.push(placed.markup);
    y += placed.height;
  }
  y += LINE / 2;
  // Commas need no escaping in a query: printed unescaped, the permalink stays readable.
  const caption = text(`Live, interactive version: ${source.permalink.replace(/%2C/gi, ",")}`, 12, muted);
  parts.push(`<a href="${escapeXml(source.permalink)}">${caption}</a>`);
  const height = Math.ceil(y + PAD);
  return [
    `<svg xmlns="${SVG_NS}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${escapeXml(font)}">`,
    `<title>${escapeXml(`${source.title}: ${source.permalink}`)}</title>`,
    `<rect width="100%" height="100%" fill="${background}"/>`,
    ...parts,
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
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
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
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadImage(source: SnapshotSource, format: "svg" | "png"): Promise<void> {
  const svg = snapshotSvg(source);
  if (format === "svg") save(new Blob([svg], { type: "image/svg+xml" }), `${source.id}.svg`);
  else save(await pngFromSvg(svg), `${source.id}.png`);
}
