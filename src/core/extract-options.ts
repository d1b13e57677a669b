/**
 * What the reference grammar knows about the connections (filled by the background from settings and discovery,
 * `extractOptionsFor` in src/background/config.ts), and the variations providers need for particular texts. Each
 * system adds the fields its grammar reads, from its own folder (declaration merging:
 * `declare module '../../core/extract-options' { interface ExtractOptions { jira?: … } }`), and only it reads them.
 */
// biome-ignore lint/suspicious/noEmptyInterface: each system's grammar adds its fields (declaration merging)
export interface ExtractOptions {}

/**
 * What a grammar derives from the options (host sets, patterns), built once per options object: extraction reads
 * every text of a page, often segment by segment, with the same options.
 */
export function perOptions<T>(build: (options: ExtractOptions) => T): (options: ExtractOptions) => T {
  const built = new WeakMap<ExtractOptions, T>();
  return (options) => {
    let value = built.get(options);
    if (value === undefined) {
      value = build(options);
      built.set(options, value);
    }
    return value;
  };
}
