import { formatNumber } from "../../lib/format";
import type { KlProofSteps } from "../../lib/kl-proof-steps";
import { defineCheck } from "../widget-element";
import { spec, type KlGaussianState } from "./spec";
import { KL_GAUSSIAN_STATE } from "./state-event";
import { describeExample, formatRow, proofRows, proofStepsOf, type ProofStep } from "./checks";

/** One computation for all the checks on a page, replaced (and the old one aborted) when the state changes. */
let current: { key: string; result: Promise<KlProofSteps>; controller: AbortController } | undefined;

function stepsFor(state: KlGaussianState): Promise<KlProofSteps> {
  const key = JSON.stringify(state);
  if (current?.key === key) return current.result;
  current?.controller.abort();
  const controller = new AbortController();
  const result = proofStepsOf(state, controller.signal);
  current = { key, result, controller };
  return result;
}

class ProofCheckElement extends HTMLElement {
  private lifetime?: AbortController;

  connectedCallback(): void {
    this.lifetime = new AbortController();
    document.addEventListener(
      KL_GAUSSIAN_STATE,
      (event) => void this.update((event as CustomEvent<KlGaussianState>).detail),
      {
        signal: this.lifetime.signal,
      },
    );
  }

  disconnectedCallback(): void {
    this.lifetime?.abort();
  }

  private async update(state: KlGaussianState): Promise<void> {
    this.removeAttribute("data-ready");
    let steps: KlProofSteps;
    try {
      steps = await stepsFor(state);
    } catch {
      // A newer state aborted this computation; its own update will follow.
      return;
    }
    if (current?.key !== JSON.stringify(state)) return;
    const step = this.dataset.step as ProofStep;
    for (const row of proofRows(steps, step)) {
      const output = this.querySelector<HTMLOutputElement>(`output[name="${step}-${row.name}"]`);
      if (!output) continue;
      output.dataset.value = String(row.value);
      if (row.standardError !== undefined) output.dataset.se = String(row.standardError);
      output.textContent = formatRow(row, (value) => formatNumber(value));
    }
    const example = this.querySelector("[data-role=example]");
    if (example) example.textContent = describeExample(state);
    const point = this.querySelector("[data-role=point]");
    if (point) point.textContent = `x₀ = (${steps.point.x.map((value) => formatNumber(value)).join(", ")})`;
    this.setAttribute("data-ready", "");
  }
}

defineCheck(spec, ProofCheckElement);
