import 'fake-indexeddb/auto';
import '../src/systems/index';

// A page loads each panel's code, and the write preview's, when it shows one (issue 15); the unit tests render them
// at once, as a page does once they are loaded (test/ui/lazy-panels.test.tsx covers the moment before).
const { loadPanels, panelTitles } = await import('../src/ui/panels/registry');
await loadPanels(Object.keys(panelTitles) as (keyof typeof panelTitles)[]);
const { loadWritePreview } = await import('../src/ui/write/WriteAction');
await loadWritePreview();
