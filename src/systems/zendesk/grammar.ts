import { keyShapedPattern, matchClaim, matchFind } from '../../core/extract';
import { type ExtractOptions, perOptions } from '../../core/extract-options';
import type { SystemGrammar, UrlParts } from '../../core/systems';
import { zendeskRefGrammar } from './grammar-refs';
import { zendeskRef } from './refs';

export {
  asZendeskRef,
  HELP_CENTER_SCHEME,
  helpCenterArticleRef,
  type ZendeskRef,
  zendeskRef,
  zendeskSubdomainOf,
} from './refs';

declare module '../../core/extract-options' {
  interface ExtractOptions {
    /** On a Zendesk page: its subdomain, which `#123` and `ZD-123` belong to. */
    zendeskSubdomain?: string;
    /** Prefixes of Zendesk ids (`ZD` for `ZD-123`); off a Zendesk page they belong to the first Zendesk. */
    zendeskPrefixes?: readonly string[];
    /** Every Zendesk subdomain whose ticket URLs count. Defaults to any *.zendesk.com. */
    zendeskSubdomains?: readonly string[];
  }
}

const zendeskHost = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.zendesk\.com$/;
const ticketPath =
  /^\/(?:agent\/tickets|tickets|hc\/(?:[A-Za-z-]+\/)?requests|api\/v2\/tickets)\/([1-9]\d{0,14})(?:\.json)?(?=$|[/?#])/;
const hashRef = /(?<![\w&#/])#([1-9]\d{0,8})(?![\w])/g;

const subdomains = perOptions(
  (options): ReadonlySet<string> | undefined =>
    options.zendeskSubdomains && new Set(options.zendeskSubdomains.map((s) => s.toLowerCase())),
);

function findInUrl({ host, path }: UrlParts, options: ExtractOptions) {
  const subdomain = zendeskHost.exec(host)?.[1];
  if (!subdomain) return undefined;
  const allowed = subdomains(options);
  if (allowed && !allowed.has(subdomain)) return undefined;
  const id = ticketPath.exec(path)?.[1];
  return id ? { ref: zendeskRef(subdomain, Number(id)) } : undefined;
}

/** Zendesk's whole grammar: the reference part (./grammar-refs.ts) and the passes that find references. */
export const zendeskGrammar: SystemGrammar<'zendesk'> = {
  ...zendeskRefGrammar,
  urls: { order: 20, find: findInUrl },
  textPasses: [
    {
      // `ZD-123` with a configured prefix is a ticket (or, with no Zendesk to name, nothing), never a Jira key.
      order: 30,
      find(text, options) {
        if (!options.zendeskPrefixes?.length) return [];
        const prefixes = new Set(options.zendeskPrefixes.map((p) => p.toUpperCase()));
        const subdomain = (options.zendeskSubdomain ?? options.zendeskSubdomains?.[0])?.toLowerCase();
        return [...text.matchAll(keyShapedPattern)].flatMap((m) => {
          if (!prefixes.has(m[1] ?? '')) return [];
          return [subdomain ? matchFind(zendeskRef(subdomain, Number(m[2])), m) : matchClaim(m)];
        });
      },
    },
    {
      // `#123` only on a Zendesk page, where it is that subdomain's ticket.
      order: 40,
      find(text, options) {
        const subdomain = options.zendeskSubdomain?.toLowerCase();
        if (!subdomain) return [];
        return [...text.matchAll(hashRef)].map((m) => matchFind(zendeskRef(subdomain, Number(m[1])), m));
      },
    },
  ],
};
