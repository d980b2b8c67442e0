// The GitHub Actions workflows, checked by GitHub's own workflow parser (@actions/workflow-parser, the
// schema and expression checks behind the Actions editor), and the Pages deploy checked for the
// faults that stop a fork's first deploy.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMapping, isSequence, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { describe, expect, it } from "vitest";

const FOLDER = ".github/workflows";
const workflows = readdirSync(FOLDER).filter((name) => /\.ya?ml$/.test(name));

type Plain = string | Plain[] | { [key: string]: Plain };

/** The parser's errors for a workflow's text, and the workflow as plain data (scalars as strings). */
function lint(name: string, content: string): { errors: string[]; workflow: Plain } {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  type Token = NonNullable<typeof parsed.value>;
  const plain = (token: Token): Plain => {
    if (isMapping(token)) return Object.fromEntries([...token].map(({ key, value }) => [key.toString(), plain(value)]));
    if (isSequence(token)) return [...token].map(plain);
    return token.toString();
  };
  return {
    errors: parsed.context.errors.getErrors().map((error) => error.message),
    workflow: parsed.value ? plain(parsed.value) : {},
  };
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

/** The steps of every job. */
function steps(workflow: Plain): Step[] {
  const jobs = (workflow as { jobs?: Record<string, { steps?: Step[] }> }).jobs ?? {};
  return Object.values(jobs).flatMap((job) => job.steps ?? []);
}

/** The current major version of each action the deploy uses (their release notes, 2026). */
const CURRENT_MAJOR: Record<string, number> = {
  "actions/checkout": 6,
  "actions/setup-node": 6,
  "actions/upload-pages-artifact": 5,
  "actions/deploy-pages": 5,
};

describe("GitHub workflows", () => {
  it("has workflows to check", () => expect(workflows).toContain("deploy.yml"));

  it.each(workflows)("%s passes GitHub's workflow parser", (name) => {
    const { errors } = lint(name, readFileSync(join(FOLDER, name), "utf8"));
    expect(errors).toEqual([]);
  });

  it("the parser catches a misspelt key and a broken expression", () => {
    const content = readFileSync(join(FOLDER, "deploy.yml"), "utf8");
    expect(lint("deploy.yml", content.replace("runs-on:", "runs_on:")).errors).not.toEqual([]);
    expect(lint("deploy.yml", content.replace("${{ github.repository_owner }}", "${{ github. }}")).errors).not.toEqual(
      [],
    );
  });
});

describe("the Pages deploy", () => {
  const content = readFileSync(join(FOLDER, "deploy.yml"), "utf8");
  const all = steps(lint("deploy.yml", content).workflow);
  const uses = (action: string) => all.filter((step) => step.uses?.split("@")[0] === action);

  it("uses the current major version of each action", () => {
    for (const [action, major] of Object.entries(CURRENT_MAJOR)) {
      expect(
        uses(action).map((step) => step.uses),
        action,
      ).toEqual([`${action}@v${major}`]);
    }
  });

  it("needs no lockfile: no npm cache, no action that sets one up", () => {
    // package-lock.json is git-ignored (.gitignore), and setup-node's npm cache needs one (withastro/action#98).
    expect(readFileSync(".gitignore", "utf8")).toMatch(/^package-lock\.json$/m);
    expect(uses("withastro/action")).toEqual([]);
    const setupNode = uses("actions/setup-node")[0];
    expect(setupNode?.with).not.toHaveProperty("cache");
    expect(setupNode?.with?.["package-manager-cache"]).toBe("false");
    expect(all.map((step) => step.run?.trim())).toContain("npm install");
    expect(all.map((step) => step.run)).not.toContain("npm ci");
  });

  it("builds under the repository's own name and uploads that build", () => {
    expect(content).toMatch(/BASE_PATH: \/\$\{\{ github\.event\.repository\.name \}\}\//);
    expect(all.map((step) => step.run?.trim())).toContain("npm run build");
    expect(uses("actions/upload-pages-artifact")[0]?.with?.path).toBe("dist/");
  });
});
