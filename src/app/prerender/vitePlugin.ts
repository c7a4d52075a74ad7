// Build-time prerender: renders the first screen with react-dom/server into #root of index.html,
// so it paints before any script has loaded (the phone may be slow and the network slower).
import type { Plugin } from 'vite';

const MARK = /<!--prerender-->[\s\S]*?<\/main>/;

export function prerenderFirstScreen(entry = '/src/app/prerender/entry.tsx'): Plugin {
  return {
    name: 'courtesy:prerender-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        if (!MARK.test(html)) return html;
        const { createServer } = await import('vite');
        // A throwaway SSR server with the project's own config: loads the TSX the same way the build does.
        const server = await createServer({
          configFile: false,
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        try {
          const mod = (await server.ssrLoadModule(entry)) as { render(): string };
          return html.replace(MARK, () => mod.render());
        } finally {
          await server.close();
        }
      },
    },
  };
}
