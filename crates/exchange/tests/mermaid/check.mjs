// Parses each Mermaid file given on the command line with mermaid's own parser (mermaid.parse),
// jsdom standing in for the browser DOM it expects. Prints "ok FILE TYPE" or "FAIL FILE: message";
// exits 1 when any file fails. Set up with `npm ci` in this folder (the exchange tests call it).
import { JSDOM } from 'jsdom';
import { readFileSync } from 'node:fs';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let failed = 0;
for (const f of process.argv.slice(2)) {
  try {
    const r = await mermaid.parse(readFileSync(f, 'utf8'));
    console.log(`ok ${f} ${r.diagramType}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${f}: ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
