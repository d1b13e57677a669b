// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import { copyFormats } from '../../src/ui/brief/clipboard';

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'clipboard');
  Reflect.deleteProperty(document, 'execCommand');
});

test('rich text goes to the clipboard as HTML and plain text in one item', async () => {
  const written: ClipboardItem[] = [];
  vi.stubGlobal(
    'ClipboardItem',
    class {
      constructor(readonly parts: Record<string, Blob>) {}
      get types() {
        return Object.keys(this.parts);
      }
    },
  );
  Object.defineProperty(navigator, 'clipboard', {
    value: { write: async (items: ClipboardItem[]) => void written.push(...items) },
    configurable: true,
  });
  expect(await copyFormats({ 'text/plain': 'brief', 'text/html': '<h2>brief</h2>' })).toBe(true);
  const parts = (written[0] as unknown as { parts: Record<string, Blob> }).parts;
  expect(Object.keys(parts).sort()).toEqual(['text/html', 'text/plain']);
  expect(await parts['text/html']?.text()).toBe('<h2>brief</h2>');
  vi.unstubAllGlobals();
});

test('where the Clipboard API refuses, the copy event carries every format', async () => {
  Object.defineProperty(navigator, 'clipboard', {
    value: { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    configurable: true,
  });
  const data = new Map<string, string>();
  Object.defineProperty(document, 'execCommand', {
    configurable: true,
    value: (command: string) => {
      const event = new Event('copy', { cancelable: true });
      Object.defineProperty(event, 'clipboardData', {
        value: { setData: (type: string, value: string) => data.set(type, value) },
      });
      document.dispatchEvent(event);
      return command === 'copy';
    },
  });
  expect(await copyFormats({ 'text/plain': '## Brief' })).toBe(true);
  expect(data.get('text/plain')).toBe('## Brief');
});

test('with no clipboard at all it says so', async () => {
  Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
  expect(await copyFormats({ 'text/plain': 'x' })).toBe(false);
});
