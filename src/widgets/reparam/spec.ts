import { linearGaussianParams, type LinearGaussianState } from "../elbo/spec";
import type { WidgetSpec } from "../spec";

export const spec: WidgetSpec<LinearGaussianState> = {
  id: "reparam",
  title: "Two gradient estimators",
  summary:
    "The gradient of the ELBO with respect to q's mean and standard deviation, estimated from the same seeded draws by the score function and by reparameterisation, against the exact gradient.",
  chapter: "elbo",
  params: linearGaussianParams(100),
  outputs: [
    "grad_qm",
    "grad_qs",
    "score_qm",
    "score_qm_se",
    "score_qs",
    "score_qs_se",
    "reparam_qm",
    "reparam_qm_se",
    "reparam_qs",
    "reparam_qs_se",
    "score_var_qm",
    "score_var_qs",
    "reparam_var_qm",
    "reparam_var_qs",
    "score_var_qm_exact",
    "score_var_qs_exact",
    "reparam_var_qm_exact",
    "reparam_var_qs_exact",
  ],
  examples: [
    { query: "", caption: "the default example: the score function is several times noisier" },
    { query: "x=6", caption: "an unlikely x: log p(x) is very negative and the score function's variance explodes" },
    { query: "n=10000&seed=7", caption: "many draws: both estimates close in on the exact gradient" },
  ],
};
