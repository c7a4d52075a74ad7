// A journey is a chain of steps (one `it` each, so the report names the step that broke). Once a
// step fails, the later ones are skipped as "after a failed step" instead of failing for the same cause.
import { afterEach, type TestContext } from 'vitest';

export function stepChain(): (ctx: TestContext) => void {
  let broken = '';
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail' && !broken) broken = ctx.task.name;
  });
  return (ctx) => {
    if (broken) ctx.skip(`an earlier step failed: ${broken}`);
  };
}
