// The training worker's entry: it keeps the messages that arrive while its code (worker-main.ts)
// loads, then hands them over. It exports nothing and nothing imports it, so no chunk of the
// worker's bundle imports it back: WebKit evaluates a module worker's entry script a second time
// when a module imports it, and that second copy took over the messages, so Train did nothing
// (tests/engines/ trains in WebKit; tests/e2e/worker-bundle.spec.ts checks the bundle).
import type { FromWorker, ToWorker } from "./protocol";

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const early: ToWorker[] = [];
scope.onmessage = (event) => early.push(event.data);

import("./worker-main").then(
  ({ listen }) => listen(early),
  (error: unknown) =>
    scope.postMessage({
      type: "error",
      message: `The training worker's code could not be loaded: ${error instanceof Error ? error.message : String(error)}.`,
    }),
);
