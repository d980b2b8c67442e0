import { defineWidget, WidgetElement } from "../widget-element";
import { drawDensities, drawIdentity, rowLabelWidth } from "./draw";
import { bindModelControls, showModelControls } from "./model-controls";
import {
  ELBO_STATE_EVENT,
  ELBO_STATE_REQUEST,
  elboResultsInSlices,
  type ElboResults,
  type ElboStateDetail,
} from "./results";
import { approximationOf, spec, type ElboState } from "./spec";
import { DEFAULT_WIDTH, densityLayout, identityLayout } from "./view";
import { realWidth } from "../charts/real-width";

const STANDARD_NORMAL = { mean: 0, sd: 1 };

class ElboElement extends WidgetElement<ElboState> {
  protected readonly spec = spec;
  private latest: ElboStateDetail = null;
  private resizeObserver?: ResizeObserver;
  /** The identity bars' long row labels' width (and the K it was measured with), once per size. */
  private labelWidth?: { k: number; width: number };

  protected override setup(): void {
    bindModelControls(this, this.signal, (changes) => this.setParamsSoon(changes));
    this.button("to-posterior")?.addEventListener(
      "click",
      () => {
        const posterior = this.latest?.posterior;
        // String(x) round-trips every double, so the gap closes exactly, not to within rounding.
        if (posterior) this.setParams({ qm: String(posterior.mean), qs: String(posterior.sd) });
      },
      { signal: this.signal },
    );
    this.button("to-prior")?.addEventListener("click", () => this.setParams({ qm: "0", qs: "1" }), {
      signal: this.signal,
    });
    document.addEventListener(ELBO_STATE_REQUEST, () => this.announce(), { signal: this.signal });
    this.addEventListener("widget-error", () => this.announce(null), { signal: this.signal });
    // Redraw at the figures' real width so their labels keep their size on a phone.
    this.resizeObserver = new ResizeObserver(() => {
      this.labelWidth = undefined;
      if (this.latest) this.draw(this.latest);
    });
    // The book's own font may arrive after the first measurement, with other widths.
    void document.fonts.ready.then(() => {
      if (this.signal.aborted) return;
      this.labelWidth = undefined;
      if (this.latest) this.draw(this.latest);
    });
    this.querySelectorAll("svg[data-role]").forEach((svg) => this.resizeObserver?.observe(svg));
  }

  protected override teardown(): void {
    this.resizeObserver?.disconnect();
  }

  private button(role: string): HTMLButtonElement | null {
    return this.querySelector<HTMLButtonElement>(`button[data-role="${role}"]`);
  }

  protected override showState(state: ElboState): void {
    showModelControls(this, { ...state });
  }

  protected async render(state: ElboState, signal: AbortSignal): Promise<void> {
    const results = await elboResultsInSlices(state, signal);
    const { posterior, terms, mc, iwae } = results;
    this.setOutput("log_px", terms.logPx);
    this.setOutput("elbo", terms.elbo);
    this.setOutput("kl_gap", terms.klGap);
    this.setOutput("identity_residual", results.identityResidual);
    this.setOutput("recon", terms.recon);
    this.setOutput("kl_prior", terms.klPrior);
    this.setOutput("elbo_mc", mc.elbo.mean);
    this.setOutput("elbo_mc_se", mc.elbo.standardError);
    this.setOutput("iwae_mc", iwae.mean);
    this.setOutput("iwae_mc_se", iwae.standardError);
    this.setOutput("post_mean", posterior.mean);
    this.setOutput("post_sd", posterior.sd);
    this.showNote(
      state.n === 1 ? "One sample says nothing about the spread: its standard error is unbounded (∞). Use n ≥ 2." : "",
    );
    this.latest = results;
    this.draw(results);
    this.announce();
  }

  private draw({ state, posterior, terms, mc, iwae }: ElboResults): void {
    const width = (svg: SVGSVGElement) => realWidth(svg, DEFAULT_WIDTH);
    const densities = this.querySelector<SVGSVGElement>("svg[data-role=densities]");
    if (densities) {
      drawDensities(densities, densityLayout(STANDARD_NORMAL, posterior, approximationOf(state), width(densities)));
    }
    const identity = this.querySelector<SVGSVGElement>("svg[data-role=identity]");
    if (identity) {
      // Measuring forces a layout: once per size (and K, which the last label names), not on every slider input.
      if (this.labelWidth?.k !== state.k) this.labelWidth = { k: state.k, width: rowLabelWidth(identity, state.k) };
      const layout = identityLayout(
        terms,
        mc.elbo,
        { k: state.k, estimate: iwae },
        width(identity),
        this.labelWidth.width,
      );
      drawIdentity(identity, layout);
    }
  }

  /** Tells the chapter's step checks the current example (null while the input is bad). */
  private announce(detail: ElboStateDetail = this.latest): void {
    if (detail === null) this.latest = null;
    this.dispatchEvent(new CustomEvent<ElboStateDetail>(ELBO_STATE_EVENT, { detail, bubbles: true }));
  }
}

defineWidget(spec, ElboElement);
