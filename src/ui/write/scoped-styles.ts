import { writeStyles } from '../styles';

/**
 * The write previews' styles for a page that is ours but not a panel (the popup): every rule is scoped under
 * `scope`, so the preview's `input[type="search"]` or `button` rules never reach the page's own controls, and the
 * panel colour variables are mapped from the page's own (`vars`).
 */
export function scopedWriteStyles(scope: string, vars: string): string {
  const rules = writeStyles
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/([^{}]+)\{/g, (_, selectors: string) => {
      const scoped = selectors
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => `${scope} ${s}`)
        .join(', ');
      return `\n${scoped} {`;
    });
  return `${scope} { ${vars} }${rules}`;
}
