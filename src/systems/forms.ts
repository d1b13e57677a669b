import type { ComponentType } from 'preact';
import type { Connection, Settings, System } from '../core/settings';
import type { SectionProps } from '../options/ConnectionsSection';
import type { PerConnectionSetting } from '../options/settings-edit';

/**
 * What the options page needs of a system (its connection kinds and their fields, auth, token help, test hints,
 * settings sections): one implementation per system in `src/systems/<id>/forms.ts`. The options page iterates
 * the registry (`src/options/connection-kinds.ts`, `Options.tsx`, `FieldMappingsSection.tsx`) and never asks
 * which system a connection is.
 */
export interface SystemForms {
  /** The kinds of connection a person adds for this system, in the order the form offers them. */
  readonly kinds: readonly ConnectionKind[];
  /** Which kind edits a stored connection (github.com or an Enterprise server); default: the first kind. */
  kindOf?(connection: Connection): ConnectionKind;
  /** Sections of its own on the options page, after the connections (Jira projects, GitHub search scope). */
  readonly sections?: readonly OptionsSection[];
  /** Its lists in "Fields and prefixes" (fields searched, fields holding references), before every prefix list. */
  readonly fieldLists?: readonly SettingsList[];
  /** Its lists of extra reference prefixes, at the end of "Fields and prefixes". */
  readonly prefixLists?: readonly SettingsList[];
  /** Its settings kept per connection id (Jira's project keys), dropped with the connection. */
  readonly perConnection?: readonly PerConnectionSetting[];
  /**
   * Beside "Allow Liaison to write through this connection": what its connections may write, and where, in one
   * sentence ("Comments on issues and pull requests."). Without it the form says `GENERIC_WRITE_SCOPE`.
   */
  readonly writeScope?: string;
}

/** What a connection that allows writing may do, for a system that does not say more (`SystemForms.writeScope`). */
export const GENERIC_WRITE_SCOPE =
  'Notes and links on the items you choose, each shown in a preview first and sent only when you confirm it.';

/**
 * The ids of the connection kinds, keyed by id. Each system adds its own from its forms file
 * (`declare module '../forms' { interface ConnectionKindIds { zendesk: true } }`), so the kinds table stays typed
 * by id (`kinds['jira-cloud']`) while the options page never names one.
 */
// biome-ignore lint/suspicious/noEmptyInterface: each system's forms file adds its kinds (declaration merging)
export interface ConnectionKindIds {}

export type KindId = Extract<keyof ConnectionKindIds, string>;
export type FieldName = 'baseUrl' | 'apiUrl' | 'username' | 'secret';

export interface FieldSpec {
  label: string;
  placeholder?: string;
  hint?: string;
  type?: 'url' | 'email' | 'text';
  optional?: boolean;
}

export interface TokenHelp {
  text: string;
  href: string;
  /** What to pick on that page. */
  steps: string;
}

/** What to do about a failed connection test, where the kind knows better than the general sentence. */
export interface TestFixes {
  /** The credentials were refused (401). */
  auth?: string;
  /** The account may not read what Liaison needs (403). */
  forbidden?: string;
  /** The address answers 404. */
  notFound?: string;
}

/**
 * A kind of connection a person adds, with the fields its auth method needs and where to create the token. Stored
 * as DESIGN.md contract 2 says: `auth` `token` sends a Bearer token, `basic` a username and password.
 */
export interface ConnectionKind {
  id: KindId;
  name: string;
  system: System;
  /** The id a new connection of this kind gets (made unique with -2, -3…). */
  idBase: string;
  auth: 'token' | 'basic';
  fields: Partial<Record<FieldName, FieldSpec>>;
  /** Base URL filled in for a new connection. */
  defaultBaseUrl?: string;
  /** Where the user creates the secret (the base URL entered so far, for self-hosted pages). */
  tokenHelp(baseUrl: string): TokenHelp | undefined;
  /** How to fix a failed test, per failure; what it leaves out gets the general advice. */
  fixes?: TestFixes;
  /** A rule the site (and API) URL must also follow, and what to say when it does not (Zendesk's subdomains). */
  urlRule?: { test(url: URL): boolean; message: string };
  /** The username stored for the one typed in the form (Zendesk's API tokens go with `email/token`). */
  storedUsername?(typed: string): string;
  /** The username the form shows for a stored one: `storedUsername` undone. */
  formUsername?(stored: string): string;
  /** Fields the stored connection gets besides the form's (Jira's flavor: Cloud or Data Center). */
  storedFields?: Readonly<Record<string, unknown>>;
}

/** A section of the options page a system adds; `order` places it among the other systems' sections. */
export interface OptionsSection {
  order: number;
  component: ComponentType<SectionProps & { settings: Settings | undefined }>;
}

/**
 * A list in the settings that the options page edits as comma-separated text ("Fields and prefixes"): the
 * `field` of the settings' `section`.
 */
export interface SettingsList {
  /** A section of the settings holding lists of strings or numbers (`servicenow`, `prefixes`). */
  section: string;
  field: string;
  label: string;
  hint: string;
  /** Said when a value does not fit. */
  rule: string;
  numbers?: boolean;
  upper?: boolean;
}

/** The origin of a URL typed so far, or undefined while it is not one (for token pages on self-hosted servers). */
export const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
};
