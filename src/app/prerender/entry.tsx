// What the build puts into index.html: the app as it first paints (shell + the tests screen while
// the device opens). Rendered in Node at build time; the browser then takes the page over.
import { renderToString } from 'react-dom/server';
import { App } from '../App';

export function render(): string {
  return renderToString(<App />);
}
