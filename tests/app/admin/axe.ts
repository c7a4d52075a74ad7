// Runs axe-core with the WCAG 2.1 A/AA rules on a rendered container; returns readable violations.
import axe from 'axe-core';

export async function wcagViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
