/**
 * The fallback when a site changed its markup and no anchor matched (DESIGN.md contract 4): panels dock in a
 * drawer at the page edge, so a page is never left silently without them.
 */
const drawerStyles = `
:host { all: initial; position: fixed; top: 72px; right: 12px; z-index: 2147483000; width: 340px; max-height: calc(100vh - 96px); }
.drawer { overflow: auto; max-height: inherit; border-radius: 8px; box-shadow: 0 8px 24px rgba(0,0,0,.2); }
.drawer[hidden] { display: none; }
button { all: initial; position: absolute; top: -26px; right: 0; font: 12px sans-serif; background: #1f2328; color: #fff;
  padding: 3px 8px; border-radius: 4px; cursor: pointer; }
button:focus-visible { outline: 2px solid #4493f8; }
`;

export function openDrawer(): HTMLElement {
  const existing = document.querySelector('liaison-drawer');
  if (existing instanceof HTMLElement) return existing;
  const drawer = document.createElement('liaison-drawer');
  const root = drawer.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = drawerStyles;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.textContent = 'Liaison';
  toggle.setAttribute('aria-expanded', 'true');
  toggle.setAttribute('aria-controls', 'liaison-drawer-panels');
  toggle.title = 'Show or hide the Liaison panels';
  const box = document.createElement('div');
  box.className = 'drawer';
  box.id = 'liaison-drawer-panels';
  box.setAttribute('role', 'complementary');
  box.setAttribute('aria-label', 'Liaison');
  box.append(document.createElement('slot'));
  toggle.addEventListener('click', () => {
    box.hidden = !box.hidden;
    toggle.setAttribute('aria-expanded', String(!box.hidden));
  });
  root.append(style, toggle, box);
  document.body.append(drawer);
  return drawer;
}
