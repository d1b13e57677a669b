import { useEffect, useRef, useState } from 'preact/hooks';
import type { SearchReply } from '../messaging/search';
import type { SearchClient } from './env';
import { idleSearch, type SearchState, searchReduce, searchStarted } from './search-state';

/**
 * The search box's text and the search it runs: debounced (DEBOUNCE_MS after the last keystroke), one search at
 * a time (each has a new id; the background aborts the older one, and its late replies are ignored here), and
 * re-sent once if the background went away mid-search (an MV3 service worker can be stopped).
 */

export const DEBOUNCE_MS = 250;
export const RESULTS_PER_SOURCE = 5;

export type Sources = Extract<SearchReply, { type: 'sources' }>;

export function useQuickSearch(client: SearchClient, near: string | undefined) {
  const [text, setTextState] = useState('');
  const [state, setState] = useState<SearchState>(idleSearch);
  const [sources, setSources] = useState<Sources>();
  const ids = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ state, near });
  latest.current = { state, near };

  const send = (searched: string) => {
    const queryId = ++ids.current;
    setState((s) => searchStarted(s, queryId, searched));
    const { near: here } = latest.current;
    client.send({
      type: 'search',
      queryId,
      text: searched,
      limit: RESULTS_PER_SOURCE,
      ...(here ? { near: here } : {}),
    });
  };

  useEffect(() => {
    const offReply = client.onReply((reply) => {
      if (reply.type === 'sources') setSources(reply);
      else setState((s) => searchReduce(s, reply));
    });
    const offDrop = client.onDisconnect(() => {
      const { state: now } = latest.current;
      if (now.queryId !== 0 && now.text !== '' && !now.done) send(now.text);
    });
    client.send({ type: 'sources' });
    return () => {
      offReply();
      offDrop();
      clearTimeout(timer.current);
    };
  }, [client]);

  const setText = (value: string) => {
    setTextState(value);
    clearTimeout(timer.current);
    const searched = value.trim();
    if (searched === '') {
      if (ids.current > 0) client.send({ type: 'cancel', queryId: ids.current });
      setState(idleSearch);
      return;
    }
    timer.current = setTimeout(() => send(searched), DEBOUNCE_MS);
  };

  return { text, setText, state, sources };
}
