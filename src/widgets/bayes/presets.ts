import { MEDICAL_TEST } from "../../data/examples";

const { prevalence, sensitivity, falsePositive } = MEDICAL_TEST;

/** Ready-made states for the widget's preset menu: raw parameter values, as a URL would give them. */
export const PRESETS: readonly {
  readonly key: string;
  readonly label: string;
  readonly prior: string;
  readonly likelihood: string;
}[] = [
  {
    key: "test-positive",
    label: "Medical test, positive result (H1 ill, H2 healthy)",
    prior: `${prevalence},${1 - prevalence}`,
    likelihood: `${sensitivity},${falsePositive}`,
  },
  {
    key: "test-negative",
    label: "Medical test, negative result",
    prior: `${prevalence},${1 - prevalence}`,
    likelihood: `${1 - sensitivity},${1 - falsePositive}`,
  },
  {
    key: "coins",
    label: "Which of four coins? One toss shows heads",
    prior: "1,1,1,1",
    likelihood: "0.2,0.4,0.6,0.8",
  },
  {
    key: "three",
    label: "Three hypotheses",
    prior: "0.2,0.3,0.5",
    likelihood: "0.9,0.5,0.1",
  },
];
