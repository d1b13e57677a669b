import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Item } from '../core/model';
import type { RecentItem } from '../core/recent';
import { systemNames } from '../core/systems';
import type { Watch } from '../core/watch-state';
import type { KnowledgeView } from '../messaging/protocol';
import { WatchContext, type WatchControls } from '../ui/WatchButton';
import { contextLine, noContextLine } from './context-line';
import type { PopupEnv, Tenant } from './env';
import { Knowledge } from './Knowledge';
import { keyAction } from './keyboard';
import { Recent } from './Recent';
import { LISTBOX_ID, optionId, Results } from './Results';
import { resultItems, searchAnnouncement, searchIsEmpty } from './search-state';
import { useQuickSearch } from './useQuickSearch';
import { Watching } from './Watching';

/**
 * The toolbar popup (DESIGN.md contract 5): the current tab's context in one line, one search box focused on
 * open, recent items below it while it is empty, and results grouped by system as they arrive. Keyboard model:
 * keyboard.ts. Also works as a tab (`?tab=<tabId>`), where opening an item navigates that tab.
 */

type PopupState = 'unconfigured' | 'idle' | 'loading' | 'ready' | 'empty';

export function Popup({ env }: { env: PopupEnv }) {
  const input = useRef<HTMLInputElement>(null);
  const [context, setContext] = useState<{
    line: string;
    subject?: string;
    tabId?: number;
    knowledge?: KnowledgeView;
  }>();
  const [tenant, setTenant] = useState<Tenant>();
  const [recent, setRecent] = useState<RecentItem[]>([]);
  const [active, setActive] = useState<string>();
  const [shortcut, setShortcut] = useState<string>();
  const { text, setText, state, sources } = useQuickSearch(env.search, context?.subject);
  const [watches, setWatches] = useState<Watch[]>([]);
  const [watchError, setWatchError] = useState('');

  // Focus before the first paint, so a keystroke typed as the popup opens lands in the search box.
  useLayoutEffect(() => input.current?.focus(), []);

  useEffect(() => {
    void (async () => {
      const tabId = await env.targetTabId();
      const view = tabId === undefined ? undefined : await env.tabContext(tabId).catch(() => undefined);
      if (!view && tabId !== undefined) setTenant(await env.unconnectedTenant(tabId).catch(() => undefined));
      setContext(
        view
          ? {
              line: contextLine(view),
              subject: view.subject,
              ...(tabId !== undefined ? { tabId } : {}),
              ...(view.knowledge ? { knowledge: view.knowledge } : {}),
            }
          : { line: noContextLine, ...(tabId !== undefined ? { tabId } : {}) },
      );
    })();
    void env.recent().then(setRecent);
    void env.shortcut().then(setShortcut);
    const unsubscribe = env.onRecentChange(setRecent);
    if (!env.watching) return unsubscribe;
    void env.watching.watches().then(setWatches);
    const unsubscribeWatches = env.watching.onWatchesChange(setWatches);
    return () => {
      unsubscribe();
      unsubscribeWatches();
    };
  }, [env]);

  const watching = env.watching;
  const watchControls: WatchControls | undefined = watching && {
    isWatched: (ref) => watches.some((w) => w.ref === ref),
    toggle(ref) {
      const watched = !watches.some((w) => w.ref === ref);
      setWatchError('');
      void watching.setWatched(ref, watched).then((error) => {
        if (error) setWatchError(error);
      });
    },
  };
  async function checkNow() {
    const reply = await watching?.checkNow();
    if (!reply) return { message: '' };
    if (!reply.ok) return { message: reply.error };
    const changes =
      reply.changes === 0 ? 'no change' : `${reply.changes} ${reply.changes === 1 ? 'change' : 'changes'}`;
    const skipped = reply.skipped.length ? ` ${reply.skipped.join(' ')}` : '';
    return {
      message: `Checked ${reply.checked} ${reply.checked === 1 ? 'item' : 'items'}: ${changes}.${skipped}`,
    };
  }

  const searching = text.trim() !== '';
  const items = searching ? resultItems(state) : recent.map((r) => r.item);
  const refs = items.map((i) => i.ref);
  const current = active !== undefined && refs.includes(active) ? active : undefined;

  useEffect(() => {
    if (current === undefined) return;
    document.getElementById(optionId(refs.indexOf(current)))?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  async function open(item: Item, newTab: boolean) {
    env.search.send({ type: 'opened', item });
    if (newTab) return env.openInNewTab(item.url);
    await env.openHere(item.url, context?.tabId);
    if (!env.tabMode) env.close();
  }

  async function openUrl(url: string, newTab: boolean) {
    if (newTab) return env.openInNewTab(url);
    await env.openHere(url, context?.tabId);
    if (!env.tabMode) env.close();
  }

  function onKeyDown(event: KeyboardEvent) {
    // Alt+W watches or stops watching the active result (its row's watch control is for the pointer only).
    if (event.altKey && event.code === 'KeyW' && watchControls) {
      const ref = current ?? refs[0];
      if (ref === undefined) return;
      event.preventDefault();
      watchControls.toggle(ref, event);
      return;
    }
    const action = keyAction(event, refs, current, text);
    if (action.type === 'none') return;
    event.preventDefault();
    switch (action.type) {
      case 'move':
        return setActive(action.active);
      case 'open': {
        const item = items.find((i) => i.ref === action.ref);
        if (item) void open(item, action.newTab);
        return;
      }
      case 'clear':
        setActive(undefined);
        return setText('');
      case 'close':
        // As a tab (`?tab=`), the page is not the popup: Escape never closes it.
        if (!env.tabMode) env.close();
        return;
    }
  }

  const configured = sources?.configured !== false;
  const loading = state.pending || state.results.some((r) => r.status === 'loading');
  const popupState: PopupState = !configured
    ? 'unconfigured'
    : !searching
      ? 'idle'
      : loading || state.queryId === 0
        ? 'loading'
        : searchIsEmpty(state)
          ? 'empty'
          : 'ready';
  const activeIndex = current === undefined ? -1 : refs.indexOf(current);

  return (
    <main class="popup" data-state={popupState}>
      <h1 class="visually-hidden">Liaison quick search</h1>
      {tenant ? (
        <div class="context tenant" data-unconnected={tenant.host}>
          <p>
            <strong>{tenant.host}</strong> is not connected, so Liaison shows nothing on its pages.
          </p>
          <button type="button" class="primary" onClick={() => env.connectTenant(tenant)}>
            Connect {tenant.host}
          </button>
        </div>
      ) : (
        <p class="context" title={context?.line}>
          {context?.line ?? '\u00a0'}
        </p>
      )}
      <input
        ref={input}
        type="search"
        // ARIA in HTML allows combobox on a search input; Preact's types only admit it beside `list`, which
        // stays unset (there is no datalist), so the role is not implicit whatever the linter infers.
        list={undefined}
        // biome-ignore lint/a11y/noRedundantRoles: `list` is undefined, so the implicit role is searchbox.
        role="combobox"
        aria-label="Search every connected system"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={LISTBOX_ID}
        aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
        placeholder="SHOP-101, INC0010001, acme/shop-api#42 or words"
        autoComplete="off"
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setActive(undefined);
          setText(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
      />
      <p class="visually-hidden" aria-live="polite">
        {searching ? searchAnnouncement(state) : ''}
      </p>
      <div class="body">
        {!configured ? (
          <div class="unconfigured">
            <p>
              {sources?.error
                ? `The settings are not valid: ${sources.error}`
                : 'No system is connected yet.'}
            </p>
            <button type="button" class="primary" onClick={() => env.openOptions()}>
              Connect {systemNames()}
            </button>
          </div>
        ) : (
          <WatchContext.Provider value={watchControls}>
            {watchError && (
              <p class="error" role="alert">
                {watchError}
              </p>
            )}
            {searching ? (
              <Results state={state} refs={refs} active={current} onOpen={(i, n) => void open(i, n)} />
            ) : (
              <>
                <Knowledge knowledge={context?.knowledge} />
                <Watching
                  watches={watches}
                  onOpen={(url, newTab) => void openUrl(url, newTab)}
                  onCheck={checkNow}
                  writing={env.writing}
                />
                <Recent recent={recent} active={current} onOpen={(i, n) => void open(i, n)} />
              </>
            )}
          </WatchContext.Provider>
        )}
      </div>
      <footer>
        <button type="button" onClick={() => env.openOptions()}>
          Options
        </button>
        <span class="keys">
          ↑↓ · ↵ open · {navigator.platform.startsWith('Mac') ? '⌘' : 'Ctrl'}+↵ new tab · Esc clear
          {watchControls ? ' · Alt+W watch' : ''}
        </span>
        {shortcut && (
          <kbd title={`${shortcut} opens Liaison from any page`} aria-label={`Shortcut: ${shortcut}`}>
            {shortcut}
          </kbd>
        )}
      </footer>
    </main>
  );
}
