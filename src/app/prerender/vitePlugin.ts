// Build-time prerender: renders the first screen with react-dom/server into #root of index.html,
// so it paints before any script has loaded (the phone may be slow and the network slower). The
// entry's stylesheet is inlined as one <style> for the same reason: a <link> would cost the first
// paint a second round trip, queued behind the module preloads (bench: load, cold LCP). The server
// allows exactly that <style> by its hash (src/server/http/static.ts).
import type { Plugin } from 'vite';

const MARK = /<!--prerender-->[\s\S]*?<\/main>/;
const STYLESHEET = /<link rel="stylesheet"[^>]*href="\/(assets\/[^"]+\.css)"[^>]*>/g;

/** index.html with each stylesheet of the bundle in a <style> of its own. */
export function inlineStylesheets(html: string, assetSource: (file: string) => string | undefined): string {
  return html.replace(STYLESHEET, (link, file: string) => {
    const css = assetSource(file);
    return css === undefined || css.includes('</style') ? link : `<style>${css}</style>`;
  });
}

export function prerenderFirstScreen(entry = '/src/app/prerender/entry.tsx'): Plugin {
  return {
    name: 'courtesy:prerender-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const bundle = ctx.bundle;
        if (bundle) {
          html = inlineStylesheets(html, (file) => {
            const asset = bundle[file];
            return asset?.type === 'asset' ? String(typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source)) : undefined;
          });
        }
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
